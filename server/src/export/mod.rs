//! Downloads of the revision report: `GET /export/workshops/{id}/{format}` and
//! `GET /export/rounds/{id}/{format}?sector=…&workshop=…`, in the formats of [`Format`], and
//! the round's archive before a purge, `GET /archive/rounds/{id}`.
//!
//! Every format is written from the same [`Report`], which the store already built without
//! names for anonymous workshops, so the anonymity setting holds in every file.

mod csv;
mod markdown;
mod xlsx;

use app::api::ports::{DataProtection, Reports};
use app::error::{AppError, Field};
use app::i18n::{LANG_COOKIE, Lang};
use app::model::account::User;
use app::model::ids::{RoundId, WorkshopId};
use app::model::report::{Report, ReportFilter};
use app::ui::report_html::{self, REPORT_CSS};
use app::web::cookie_value;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::http::caller::Caller;
use crate::http::error::ApiError;
use crate::state::AppState;

pub use self::csv::{Separator, csv};
pub use self::markdown::markdown;
pub use self::xlsx::xlsx;

/// A download format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Printable standalone HTML (print to PDF).
    Html,
    Markdown,
    /// One row per note, UTF-8 with a byte order mark so Excel reads å, ä and ö, separated
    /// as a spreadsheet in the report's language expects.
    Csv,
    /// The same CSV separated by commas in every language (for tools that expect them).
    CsvComma,
    /// The [`Report`] itself, with its format version.
    Json,
    /// An Excel workbook: themes, notes and counts per workshop.
    Xlsx,
}

impl Format {
    /// Reads the format's path segment.
    pub fn parse(segment: &str) -> Option<Self> {
        match segment {
            "html" => Some(Format::Html),
            "md" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "csv-comma" => Some(Format::CsvComma),
            "json" => Some(Format::Json),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv | Format::CsvComma => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Csv | Format::CsvComma => "text/csv; charset=utf-8",
            Format::Json => "application/json",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The report in `format`, as the bytes of the file.
pub fn render(report: &Report, format: Format, lang: Lang) -> Result<Vec<u8>, AppError> {
    Ok(match format {
        Format::Html => report_html::document(report, lang).into_bytes(),
        Format::Markdown => markdown(report, lang).into_bytes(),
        Format::Csv => csv(report, lang, Separator::of(lang)).into_bytes(),
        Format::CsvComma => csv(report, lang, Separator::Comma).into_bytes(),
        Format::Json => serde_json::to_vec_pretty(report).map_err(|_| AppError::Internal)?,
        Format::Xlsx => xlsx(report, lang).map_err(|err| {
            tracing::error!(error = %err, "writing the Excel report failed");
            AppError::Internal
        })?,
    })
}

/// `GET /export/workshops/{id}/{format}`: a workshop's report, for its facilitator.
pub async fn workshop_export(
    State(state): State<AppState>,
    Path((id, format)): Path<(WorkshopId, String)>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let request = ExportRequest::read(&format, caller, &headers)?;
    let report = state.service.workshop_report(&request.user, id).await?;
    request.respond(&report)
}

/// `GET /export/rounds/{id}/{format}?sector=…&workshop=…`: a round's report, narrowed to the
/// filter the analyst chose.
pub async fn round_export(
    State(state): State<AppState>,
    Path((id, format)): Path<(RoundId, String)>,
    Query(filter): Query<ReportFilter>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let request = ExportRequest::read(&format, caller, &headers)?;
    let analysis = state.service.round_analysis(&request.user, id).await?;
    request.respond(&analysis.report.filtered(&filter))
}

/// `GET /archive/rounds/{id}`: the whole round's report as JSON, for the archive that must
/// be kept before the round's notes are purged; the export is recorded in the audit log.
pub async fn round_archive(
    State(state): State<AppState>,
    Path(id): Path<RoundId>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let request = ExportRequest::read("json", caller, &headers)?;
    let report = state.service.archive(&request.user, id).await?;
    request.respond(&report)
}

/// What every export request carries: the format, the caller and the language.
struct ExportRequest {
    format: Format,
    user: User,
    lang: Lang,
}

impl ExportRequest {
    /// Reads the format segment (checked first: a wrong address is wrong for anyone), the
    /// caller and the language of the file.
    fn read(format: &str, caller: Result<Caller, ApiError>, headers: &HeaderMap) -> Result<Self, ApiError> {
        let format = Format::parse(format).ok_or(AppError::Invalid { field: Field::Format })?;
        let Caller(user) = caller?;
        let lang = cookie_value(headers, LANG_COOKIE).map(Lang::from_tag).unwrap_or_default();
        Ok(ExportRequest { format, user, lang })
    }

    /// The report as a download.
    fn respond(&self, report: &Report) -> Result<Response, ApiError> {
        let bytes = render(report, self.format, self.lang)?;
        let disposition =
            format!("attachment; filename=\"{}.{}\"", file_stem(report, self.lang), self.format.extension());
        let mut response = bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.format.content_type()));
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Ok(response)
    }
}

/// `GET /report.css`: the report's stylesheet for the analyst's page.
pub async fn report_stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], REPORT_CSS).into_response()
}

/// A file name from the report's title: ASCII letters and digits, the rest as dashes.
fn file_stem(report: &Report, lang: Lang) -> String {
    let title = match report.scope {
        app::model::report::ReportScope::Round => report.round.title.clone(),
        app::model::report::ReportScope::Workshop { workshop_id } => {
            report.workshop(workshop_id).map(|w| w.title.clone()).unwrap_or_default()
        }
    };
    let ascii: String = title
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'Å' | 'Ä' => 'a',
            'ö' | 'Ö' => 'o',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let stem = ascii.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-");
    format!("klustra-{}", if stem.is_empty() { lang.report_texts().file_name.to_string() } else { stem })
}
