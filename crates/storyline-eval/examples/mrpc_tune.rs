//! Try settings of the MRPC paraphrase classifier on the train split alone:
//! `mrpc_tune [CONFIG_JSON…]`.
//!
//! Each argument is a partial `storyline_eval::paraphrase::Latent` in JSON (missing fields take
//! their defaults); one line per setting gives the 5-fold cross-validated accuracy on train of
//! the lexical, the full and the bag model. The test split is not read.

use storyline_eval::paraphrase::{self, Latent, Pair};

fn main() -> anyhow::Result<()> {
    let path = storyline_eval::data_dir().join("paraphrase/mrpc/msr_paraphrase_train_backup.txt");
    let train: Vec<Pair> =
        storyline_eval::copies::read_mrpc(&path)?.into_iter().map(|(label, a, b)| Pair { label, a, b }).collect();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let configs = if args.is_empty() { vec!["{}".to_string()] } else { args };
    for c in configs {
        let config: Latent = serde_json::from_str(&c)?;
        let started = std::time::Instant::now();
        let tuned = paraphrase::tune(&train, &config);
        let shown: Vec<String> = tuned.iter().map(|(name, s, cv)| format!("{name} CV {cv:.2} ({s})")).collect();
        println!("{c}\t{}\t{:.1}s", shown.join("\t"), started.elapsed().as_secs_f64());
    }
    Ok(())
}
