//! Score the summary systems on a NeuS split: `summary_tune [train|val]` (default `train`).
//!
//! `storyline eval summary` reports val; summary settings are chosen here, on train, and only
//! then read off val.

use storyline_eval::summary;

fn main() -> anyhow::Result<()> {
    let split = std::env::args().nth(1).unwrap_or_else(|| "train".into());
    let stories = summary::load_split(&storyline_eval::data_dir(), &split)?;
    let budget = summary::budget(&stories);
    println!("NeuS {split}: {} stories, budget {budget} words", stories.len());
    for (name, s) in summary::SYSTEMS.iter().zip(summary::evaluate(&stories, budget)) {
        println!("{name:<28} R-1 {:.2}  R-2 {:.2}  R-L {:.2}", 100.0 * s.r1, 100.0 * s.r2, 100.0 * s.rl);
    }
    Ok(())
}
