//! The one place library errors and bad requests become HTTP statuses.
//!
//! Every error leaves the server as `{ "code", "message" }` JSON: `code` is a stable word a
//! client can branch on, `message` is for people. Internal details (SQLite messages) are logged,
//! not sent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use storyline::ErrorKind;

/// An error answered to a client.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable machine word: `not_found`, `bad_request`, `unauthorized`, ….
    pub code: &'static str,
    /// What went wrong, for people.
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
}

impl ApiError {
    /// An error with `status` and `code`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into() }
    }

    /// 400: the request's query, path or body is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 404: no such story, article or route.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 413: the body is over the size limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", format!("request body over {limit} bytes"))
    }

    /// 500: a bug or a failed store; the detail goes to the log only.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error (see the server log)")
    }
}

impl From<storyline::Error> for ApiError {
    fn from(e: storyline::Error) -> Self {
        match e.kind() {
            ErrorKind::NotFound => ApiError::not_found(e.context().to_string()),
            ErrorKind::InvalidInput => ApiError::bad_request(e.to_string()),
            ErrorKind::Store | ErrorKind::Io | ErrorKind::Internal => ApiError::internal(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body { code: self.code, message: &self.message };
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// The handlers' result type.
pub type ApiResult<T> = Result<T, ApiError>;
