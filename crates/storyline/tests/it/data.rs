//! Where the shared evaluation data lives, and the rule for when it is missing.

use std::path::PathBuf;

/// `$STORYLINE_DATA`, default `<workspace>/../shared/data`.
pub fn dir() -> PathBuf {
    std::env::var_os("STORYLINE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// The data subfolder `sub`, or `None` (the caller skips) when it is absent — except under
/// `CI=true`, where missing data is a failure.
pub fn require(sub: &str) -> Option<PathBuf> {
    let path = dir().join(sub);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing (CI=true): the evaluation data must be beside the checkout", path.display());
    }
    eprintln!("skipping: {} not found (set STORYLINE_DATA)", path.display());
    None
}

/// The bundled demo corpus.
pub fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/demo")
}
