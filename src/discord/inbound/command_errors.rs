//! What happens when a command fails: the user gets one short sentence
//! (ephemeral, so only they see it), the log gets everything.

use poise::serenity_prelude as serenity;
use poise::FrameworkError;

use crate::discord::error::BotError;
use crate::discord::inbound::allow_list::Refusal;
use crate::discord::inbound::commands::notice;
use crate::discord::outbound::builders;
use crate::discord::state::Data;

const SORRY: &str = "Sorry, something went wrong while answering. Please try again in a moment.";

/// Poise's error hook.
pub async fn on_error(error: FrameworkError<'_, Data, BotError>) {
    match error {
        FrameworkError::Command { error, ctx, .. } => {
            ctx.data().ops.metrics.send_error();
            tracing::error!(command = %ctx.command().name, error = %error, "command failed");
            if let Err(e) = notice(ctx, SORRY).await {
                tracing::warn!(error = %e, "could not report a failed command");
            }
        }
        FrameworkError::CommandPanic { payload, ctx, .. } => {
            tracing::error!(
                command = %ctx.command().name,
                panic = payload.as_deref().unwrap_or("(no message)"),
                "command panicked"
            );
            if let Err(e) = notice(ctx, SORRY).await {
                tracing::warn!(error = %e, "could not report a panicked command");
            }
        }
        FrameworkError::ArgumentParse {
            error, input, ctx, ..
        } => {
            tracing::info!(command = %ctx.command().name, ?input, error = %error, "bad option");
            let text = "I couldn't read one of the options. Please pick a value from the list or check its spelling.";
            if let Err(e) = notice(ctx, text).await {
                tracing::warn!(error = %e, "could not report a bad option");
            }
        }
        FrameworkError::CommandStructureMismatch {
            description, ctx, ..
        } => {
            // Discord sent options this version does not declare: commands
            // registered by an older or newer version of the bot.
            tracing::warn!(command = %ctx.command().name, description, "command options do not match");
            let text = "That command's options have changed. Please try again in a minute.";
            if let Err(e) = notice(poise::Context::Application(ctx), text).await {
                tracing::warn!(error = %e, "could not report a mismatched command");
            }
        }
        FrameworkError::UnknownInteraction {
            framework,
            interaction,
            ..
        } => {
            tracing::warn!(command = %interaction.data.name, "unknown command");
            let reply = serenity::CreateInteractionResponse::Message(
                serenity::CreateInteractionResponseMessage::new()
                    .content("That command is no longer available. Try `/help`.")
                    .ephemeral(true)
                    .allowed_mentions(builders::no_mentions()),
            );
            if let Err(e) = interaction
                .create_response(framework.serenity_context, reply)
                .await
            {
                tracing::debug!(error = %e, "could not report an unknown command");
            }
        }
        FrameworkError::GuildOnly { ctx, .. } => {
            if let Err(e) = notice(ctx, Refusal::DirectMessagesOff.text()).await {
                tracing::warn!(error = %e, "could not refuse a direct message");
            }
        }
        FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(event = event.snake_case_name(), error = %error, "event handler failed");
        }
        FrameworkError::Setup { error, .. } => {
            tracing::error!(error = %error, "bot setup failed");
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!(error = %e, "error while handling an error");
            }
        }
    }
}
