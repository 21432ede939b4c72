//! Try settings of the MRPC paraphrase classifier on the train split alone:
//! `mrpc_tune [CONFIG_JSON…]`.
//!
//! Each argument is a partial `storyline_eval::paraphrase::Latent` in JSON (missing fields take
//! their defaults); one line per setting gives the 5-fold cross-validated accuracy on train of
//! the lexical model and of the full model. The test split is not read.

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
        let (lexical, full) = paraphrase::tune(&train, &config);
        println!(
            "{c}\tlexical CV {:.2} (L2 {}, t {:.3})\tfull CV {:.2} (L2 {}, t {:.3})\t{:.1}s",
            lexical.2,
            lexical.0,
            lexical.1,
            full.2,
            full.0,
            full.1,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
