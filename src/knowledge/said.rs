//! When a quote was said: a day or a month, and the evidence it rests on.
//!
//! A quote printed in a news story weeks after the report was not said on
//! the report's publication day. The loader works out each quote's date from
//! the best evidence there is, in this order: the curator's `said` (from a
//! pack comment or a finding), the report's date for the inspectorate's own
//! release of that inspection, a date in the source URL, the source page's
//! date. With none of these the date is unknown, never borrowed.

use super::model::{
    outlet_at, url_host, Date, Inspection, Outlet, OutletKind, Said, SaidBasis, MONTHS,
};

/// The date a URL's path carries, if any: `/2023/11/28/`, `/2024-07-23/`,
/// `/2024/09/` or `/2022/november/` (a month). Press-release reprints
/// (`…+06122024161000?open`) carry the reprint's date, which is only when
/// the page was made, so they count as the page's date, not here.
pub fn url_date(url: &str) -> Option<Said> {
    let host = url_host(url)?;
    let host_end = url.find(host)? + host.len();
    let path = &url[host_end..];
    let parts: Vec<&str> = path
        .split(['/', '?', '#'])
        .filter(|p| !p.is_empty())
        .collect();
    for (i, p) in parts.iter().enumerate() {
        // "2024-07-23" as one segment.
        if let Some(d) = Date::parse(p) {
            return Some(Said::from(d));
        }
        let Some(year) = p.parse::<u16>().ok().filter(|y| (1990..=2100).contains(y)) else {
            continue;
        };
        let Some(next) = parts.get(i + 1) else {
            continue;
        };
        let month = next.parse::<u8>().ok().or_else(|| {
            MONTHS
                .iter()
                .position(|m| m.eq_ignore_ascii_case(next))
                .map(|m| m as u8 + 1)
        });
        let Some(month) = month.filter(|m| (1..=12).contains(m)) else {
            continue;
        };
        let day = parts
            .get(i + 2)
            .filter(|d| d.len() == 2)
            .and_then(|d| d.parse::<u8>().ok());
        let said = match day {
            Some(day) => Date::parse(&format!("{year:04}-{month:02}-{day:02}")).map(Said::from),
            None => None,
        };
        return Some(said.unwrap_or(Said {
            year,
            month,
            day: None,
        }));
    }
    None
}

/// The date a press-release reprint's URL ends with (`…+06122024161000?open`:
/// day, month, year, time), which is the day the reprint was posted.
pub fn reprint_date(url: &str) -> Option<Date> {
    let stem = url.split('?').next()?;
    let digits: String = stem
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.len() != 14 {
        return None;
    }
    Date::parse(&format!(
        "{}-{}-{}",
        &digits[4..8],
        &digits[2..4],
        &digits[0..2]
    ))
}

/// The evidence a loader has about one quote.
pub struct Evidence<'a> {
    pub stated: Option<Said>,
    /// The quote's source is the inspectorate's own page (or its reprint)
    /// for this inspection.
    pub own_release: bool,
    pub report: Option<Date>,
    pub url: &'a str,
    pub page: Option<Date>,
}

/// The best-supported date for a quote, and its basis.
pub fn said(e: &Evidence) -> Option<(Said, SaidBasis)> {
    if let Some(s) = e.stated {
        return Some((s, SaidBasis::Stated));
    }
    if e.own_release {
        if let Some(d) = e.report {
            return Some((d.into(), SaidBasis::Report));
        }
    }
    let url = url_date(e.url);
    if let Some(u) = url.filter(|u| u.day.is_some()) {
        return Some((u, SaidBasis::Url));
    }
    // A month from the URL is less exact than the page's day when they agree.
    match (url, e.page) {
        (Some(u), Some(p)) if u.year == p.year && u.month == p.month => {
            Some((p.into(), SaidBasis::Page))
        }
        (Some(u), _) => Some((u, SaidBasis::Url)),
        (None, Some(p)) => Some((p.into(), SaidBasis::Page)),
        (None, None) => None,
    }
}

/// Dates every quote of an inspection that has no stated date, from the
/// evidence the base holds: which outlet published its source, whether that
/// page is the inspection's own release, the URL and the page's date.
pub fn date_quotes(ins: &mut Inspection, outlets: &[Outlet]) {
    let own_pages = [
        &ins.report_url,
        &ins.grades_source,
        &ins.counts_source,
        &ins.published_source,
    ];
    let report = ins.published;
    for q in &mut ins.quotes {
        if q.said.is_some() {
            continue;
        }
        let kind = outlet_at(outlets, &q.source).map(|o| o.kind);
        let inspectorate = matches!(kind, Some(OutletKind::Inspectorate | OutletKind::Reprint));
        let own = own_pages
            .iter()
            .any(|u| u.as_deref() == Some(q.source.as_str()));
        let e = Evidence {
            stated: None,
            own_release: inspectorate && own,
            report,
            url: &q.source,
            page: q.published.or_else(|| reprint_date(&q.source)),
        };
        if let Some((s, basis)) = said(&e) {
            q.said = Some(s);
            q.said_basis = Some(basis);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_days_and_months() {
        assert_eq!(Said::parse("2024-12").unwrap().long(), "December 2024");
        assert_eq!(
            Said::parse("2023-11-24").unwrap().long(),
            "24 November 2023"
        );
        assert_eq!(Said::parse("2023-11-24").unwrap().to_string(), "2023-11-24");
        assert_eq!(Said::parse("2024-12").unwrap().to_string(), "2024-12");
        for bad in ["", "2024", "2024-13", "2024-1", "24-12-2024", "2023-02-30"] {
            assert!(Said::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn after_compares_at_the_precision_known() {
        let page = d("2024-12-05");
        assert!(!Said::parse("2024-12").unwrap().after(page));
        assert!(!Said::parse("2024-12-05").unwrap().after(page));
        assert!(Said::parse("2024-12-06").unwrap().after(page));
        assert!(Said::parse("2025-01").unwrap().after(page));
        assert!(!Said::parse("2023-12-31").unwrap().after(page));
    }

    #[test]
    fn dates_in_urls() {
        let cases = [
            ("https://www.expressandstar.com/news/politics/2023/11/28/commissioner-gives", Some("2023-11-28")),
            ("https://www.itv.com/news/border/2024-07-23/cumbria-police", Some("2024-07-23")),
            ("https://avonandsomerset-pcc.gov.uk/news/2025/02/questioning-", Some("2025-02")),
            ("https://www.derbyshire.police.uk/news/derbyshire/news/news/forcewide/2022/november/inspection", Some("2022-11")),
            ("https://www.bbc.co.uk/news/uk-england-derbyshire-63744683", None),
            ("https://policeprofessional.com/?p=142708", None),
            ("https://www.herts-pcc.gov.uk/news/latest-news/2024/commissioner", None),
        ];
        for (url, want) in cases {
            assert_eq!(
                url_date(url).map(|s| s.to_string()).as_deref(),
                want,
                "{url}"
            );
        }
    }

    #[test]
    fn reprint_dates() {
        let url = "https://www.wired-gov.net/wg/news.nsf/articles/lincolnshire+police+moved+into+enhanced+monitoring+06122024161000?open";
        assert_eq!(reprint_date(url), Some(d("2024-12-06")));
        assert_eq!(reprint_date("https://example.org/a/2024"), None);
    }

    #[test]
    fn evidence_order() {
        let base = Evidence {
            stated: None,
            own_release: false,
            report: Some(d("2023-12-22")),
            url:
                "https://www.birminghamworld.uk/news/west-midlands-police-special-measures-4422262",
            page: None,
        };
        // Nothing but the report's date: unknown, not borrowed.
        assert_eq!(said(&base), None);
        let stated = Evidence {
            stated: Said::parse("2023-11-24"),
            ..base
        };
        assert_eq!(said(&stated).unwrap().0.to_string(), "2023-11-24");
        let own = Evidence {
            own_release: true,
            url: "https://hmicfrs.justiceinspectorates.gov.uk/news/x/",
            ..base
        };
        assert_eq!(
            said(&own).unwrap(),
            (d("2023-12-22").into(), SaidBasis::Report)
        );
        let month_and_page = Evidence {
            url: "https://www.derbyshire.police.uk/news/2022/november/x/",
            page: Some(d("2022-11-25")),
            ..base
        };
        assert_eq!(said(&month_and_page).unwrap().0.to_string(), "2022-11-25");
    }
}
