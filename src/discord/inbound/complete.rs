//! Autocomplete for slash command options, fed by the engine's own fuzzy
//! ranking (the one that reads questions), never prefix-only; at most 25
//! choices, each within Discord's 100 characters.

use poise::serenity_prelude as serenity;

use crate::discord::outbound::sizes;
use crate::discord::state::Context;

fn choices(items: impl Iterator<Item = (String, String)>) -> serenity::CreateAutocompleteResponse {
    let choices = items
        .filter(|(name, value)| !name.trim().is_empty() && !value.trim().is_empty())
        .filter(|(_, value)| sizes::len(value) <= sizes::CHOICE_MAX)
        .take(sizes::CHOICES_MAX)
        .map(|(name, value)| {
            serenity::AutocompleteChoice::new(sizes::shorten(&name, sizes::CHOICE_MAX), value)
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

pub async fn complete_force(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine.current();
    let mut ranked = engine.suggest_forces(partial, sizes::CHOICES_MAX);
    if ranked.is_empty() && partial.trim().is_empty() {
        ranked = engine
            .knowledge()
            .forces
            .iter()
            .map(|f| (f.slug.clone(), f.name.clone()))
            .collect();
    }
    choices(ranked.into_iter().map(|(slug, name)| (name, slug)))
}

pub async fn complete_speaker(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine.current();
    let ranked = engine.suggest_speakers(partial, sizes::CHOICES_MAX);
    choices(ranked.into_iter().map(|s| (engine.speaker_label(&s), s)))
}

pub async fn complete_area(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine.current();
    let ranked = engine.suggest_areas_labelled(partial, sizes::CHOICES_MAX);
    choices(ranked.into_iter().map(|(name, label)| (label, name)))
}

pub async fn complete_cycle(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine.current();
    let want = crate::text::fold(partial);
    let names = engine
        .knowledge()
        .cycles
        .iter()
        .filter(|c| {
            want.is_empty()
                || crate::text::fold(&c.name).contains(&want)
                || c.aliases
                    .iter()
                    .any(|a| crate::text::fold(a).contains(&want))
        })
        .map(|c| (c.name.clone(), c.name.clone()))
        .collect::<Vec<_>>();
    choices(names.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_choices_capped_and_bounded() {
        let items = (0..40).map(|i| (format!("Force {i} {}", "x".repeat(120)), format!("f{i}")));
        let v = serde_json::to_value(choices(items)).unwrap();
        let list = v["choices"].as_array().cloned().unwrap_or_default();
        assert_eq!(list.len(), 25, "{v}");
        for c in list {
            assert!(c["name"].as_str().unwrap().chars().count() <= 100);
        }
    }
}
