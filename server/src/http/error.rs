//! The one error answer of the HTTP edge: every raw route (downloads, the QR code, the live
//! socket before its upgrade) and every refusal of the security layers answers with an
//! [`ApiError`], JSON shaped like the server functions' errors
//! (`{"error":"…","message":"…",…}`) with the message in the caller's language.
//!
//! Handlers return `Result<_, ApiError>` and use `?` on an [`AppError`]. The language is the
//! request's, which a response does not know: [`ApiError`] marks its response, and
//! [`localise`], around the whole router, writes the body in the language of the request.

use app::error::AppError;
use app::i18n::{LANG_COOKIE, Lang};
use app::web::cookie_value;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// An error answered to an HTTP client: the status its [`AppError`] stands for (unless set
/// otherwise) and its JSON body; `Retry-After` too when the client should wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    error: AppError,
    status: StatusCode,
}

impl ApiError {
    /// The same error with another status, for the few answers whose status says more than
    /// the error's own (415 for a body that is not a form).
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        ApiError { error, status }
    }
}

/// Marks a response as an [`ApiError`]'s, for [`localise`].
#[derive(Clone)]
struct Localisable(AppError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // English until `localise` knows better, so a response that escapes it still has a body.
        let body = self.error.to_json(Lang::En);
        let mut response =
            (self.status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body)
                .into_response();
        if let AppError::TooManyRequests { retry_after } = self.error {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        response.extensions_mut().insert(Localisable(self.error));
        response
    }
}

/// Middleware: writes the body of an [`ApiError`]'s response with the message in the
/// request's language (the language cookie; Swedish without it).
pub async fn localise(request: Request, next: Next) -> Response {
    let lang = cookie_value(request.headers(), LANG_COOKIE).map(Lang::from_tag).unwrap_or_default();
    let mut response = next.run(request).await;
    if let Some(Localisable(error)) = response.extensions_mut().remove::<Localisable>() {
        response.headers_mut().remove(header::CONTENT_LENGTH);
        *response.body_mut() = Body::from(error.to_json(lang));
    }
    response
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    async fn answer(
        cookie: Option<&str>,
        error: AppError,
    ) -> (StatusCode, Option<String>, serde_json::Value) {
        let router = Router::new()
            .route("/", get(move || async move { Err::<(), _>(ApiError::from(error.clone())) }))
            .layer(axum::middleware::from_fn(localise));
        let mut request = Request::get("/");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = router.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let retry = response.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
        (status, retry, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn an_error_is_json_in_the_language_of_the_request() {
        let (status, _, body) = answer(None, AppError::NotSignedIn).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"], "not_signed_in");
        assert_eq!(body["message"], "Logga in först.", "Swedish without a language cookie");
        let (_, _, body) = answer(Some("klustra_lang=en"), AppError::NotSignedIn).await;
        assert_eq!(body["message"], "Sign in first.");
    }

    #[tokio::test]
    async fn a_rate_limited_client_is_told_when_to_come_back() {
        let (status, retry, body) = answer(None, AppError::TooManyRequests { retry_after: 7 }).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(retry.as_deref(), Some("7"));
        assert_eq!(body["retry_after"], 7);
    }
}
