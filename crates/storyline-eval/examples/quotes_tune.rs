//! Quote scores on PolNeAR train and dev in one run: `quotes_tune`. One line per split gives
//! recall, precision and speaker accuracy, so a change to the speaker rules can be judged on
//! train (the tuning split) without rebuilding the CLI. With `STORYLINE_EVAL_EXPLAIN=1` the
//! train misses go to stderr.

use storyline_eval::quotes::{evaluate, load, Split};

fn main() -> anyhow::Result<()> {
    let data = storyline_eval::data_dir();
    let explain = std::env::var_os("STORYLINE_EVAL_EXPLAIN").is_some();
    for split in [Split::Train, Split::Dev] {
        if split == Split::Dev && explain {
            // Only the train misses are for reading: dev is the reported split, never tuned on.
            std::env::remove_var("STORYLINE_EVAL_EXPLAIN");
        }
        let s = evaluate(&load(&data, split)?);
        println!(
            "{split:?}\trecall {:.3}\tprecision {:.3}\tspeaker {:.3} ({}/{})",
            s.recall(),
            s.precision(),
            s.speaker_accuracy(),
            s.right_speaker,
            s.with_source
        );
    }
    Ok(())
}
