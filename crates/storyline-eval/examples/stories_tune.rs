//! Try clustering settings on a stories set: `stories_tune SET [CONFIG_JSON…]`.
//!
//! Each argument after the set is a partial `storyline::cluster::Config` in JSON (missing fields
//! take their defaults); one line per setting gives B³ F1 on the tuning and the test part.
//! With `DIAG=1`, the impure stories of the tuning part are listed; with `SPLITS=1`, how each
//! gold story of the tuning part is split; with `DUMP=FILE`,
//! the tuning part's gold and predicted story per document, tab-separated.

use std::collections::HashMap;
use storyline::cluster::Config;
use storyline_eval::stories;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = args.first().map(String::as_str).unwrap_or("neus");
    let split = stories::load(set, &storyline_eval::data_dir())?;
    let configs: Vec<String> = if args.len() > 1 { args[1..].to_vec() } else { vec!["{}".into()] };
    for c in configs {
        let config: Config = serde_json::from_str(&c)?;
        let t0 = std::time::Instant::now();
        let tune = stories::cluster(&split.tune, &config);
        let st = stories::score(&tune, &split.tune);
        let test = stories::score(&stories::cluster(&split.test, &config), &split.test);
        println!(
            "{c}\ttune P {:.3} R {:.3} F1 {:.3} ({} cl)\ttest P {:.3} R {:.3} F1 {:.3} ({} cl)\t{:.1}s",
            st.precision,
            st.recall,
            st.f1,
            st.clusters,
            test.precision,
            test.recall,
            test.f1,
            test.clusters,
            t0.elapsed().as_secs_f64()
        );
        if let Some(path) = std::env::var_os("DUMP") {
            // One line per tuning-part document: gold, predicted story, title.
            let lines: Vec<String> =
                split.tune.iter().zip(&tune).map(|(d, s)| format!("{}\t{}\t{}", d.gold, s.0, d.title)).collect();
            std::fs::write(path, lines.join("\n"))?;
        }
        if std::env::var_os("SPLITS").is_some() {
            // For each gold story of the tuning part: its predicted pieces, largest first.
            let mut pieces: HashMap<&str, HashMap<_, usize>> = HashMap::new();
            for (d, s) in split.tune.iter().zip(&tune) {
                *pieces.entry(d.gold.as_str()).or_default().entry(*s).or_default() += 1;
            }
            let mut rows: Vec<(usize, Vec<usize>, &str)> = pieces
                .into_iter()
                .map(|(g, p)| {
                    let mut sizes: Vec<usize> = p.into_values().collect();
                    sizes.sort_unstable_by(|a, b| b.cmp(a));
                    (sizes.iter().sum(), sizes, g)
                })
                .collect();
            rows.sort_by_key(|r| std::cmp::Reverse(r.0));
            for (n, sizes, g) in rows.iter().take(30) {
                println!("   {g}: {n} in {} pieces {:?}", sizes.len(), &sizes[..sizes.len().min(12)]);
            }
        }
        if std::env::var_os("DIAG").is_some() {
            let mut by_story: HashMap<_, Vec<usize>> = HashMap::new();
            for (i, s) in tune.iter().enumerate() {
                by_story.entry(*s).or_default().push(i);
            }
            let mut impure: Vec<_> =
                by_story.values().filter(|m| m.iter().any(|&i| split.tune[i].gold != split.tune[m[0]].gold)).collect();
            impure.sort_by_key(|m| std::cmp::Reverse(m.len()));
            for m in impure.iter().take(15) {
                println!("-- impure story of {}", m.len());
                for &i in m.iter().take(8) {
                    println!(
                        "   [{}] {}",
                        split.tune[i].gold,
                        split.tune[i].title.chars().take(100).collect::<String>()
                    );
                }
            }
        }
    }
    Ok(())
}
