//! One error type for the library: a kind that callers branch on, and context that names the
//! file, line, article or query it concerns.
//!
//! Errors are classified once, here. The CLI maps kinds to exit codes and the server to HTTP
//! statuses; nobody parses messages.

use std::fmt;

/// What went wrong, for callers that must decide what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is malformed (a bad file, line or field). Report it, skip it, go on.
    InvalidInput,
    /// Something asked for does not exist (a story id, a file).
    NotFound,
    /// The store failed (SQLite error, corrupt state).
    Store,
    /// Reading or writing a file failed.
    Io,
    /// A bug: an invariant did not hold.
    Internal,
}

/// The library's error: a kind, a message with context, and the underlying cause if any.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    context: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// A new error of `kind` whose message names what it concerns.
    pub fn new(kind: ErrorKind, context: impl Into<String>) -> Self {
        Error { kind, context: context.into(), source: None }
    }

    /// Shorthand for [`ErrorKind::InvalidInput`].
    pub fn invalid(context: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, context)
    }

    /// Shorthand for [`ErrorKind::NotFound`].
    pub fn not_found(context: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, context)
    }

    /// Attach the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message with its context (file, line, article).
    pub fn context(&self) -> &str {
        &self.context
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.context)?;
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|s| s.as_ref() as &(dyn std::error::Error + 'static))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::new(ErrorKind::Store, "store").with_source(e)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
