//! The clusterer on small invented streams.
use super::*;
use crate::model::ArticleId;

fn art(title: &str, body: &str, published: Option<&str>) -> Article {
    Article {
        id: ArticleId(title.into()),
        published: published.map(String::from),
        ..Article::from_text(title, title, body)
    }
}

#[test]
fn same_event_joins_and_other_event_stays_apart() {
    let mut c = Clusterer::new(Config::default());
    let a = c.assign(
        &art(
            "Port Varen dockworkers end strike",
            "Dockworkers in Port Varen ended their strike after talks with harbour master Ilse Marrow.",
            Some("2025-03-10"),
        ),
        None,
    );
    let b = c.assign(
        &art(
            "Varen strike over after talks",
            "Harbour master Ilse Marrow and the Port Varen dockworkers agreed to end the strike.",
            Some("2025-03-11"),
        ),
        None,
    );
    let d = c.assign(
        &art(
            "Lindqvist museum reopens",
            "The Lindqvist art museum reopened its east wing after renovation.",
            Some("2025-03-11"),
        ),
        None,
    );
    assert!(a.new && !b.new && d.new);
    assert_eq!(a.story, b.story);
    assert!(b.terms.iter().any(|t| t.contains("varen")));
}

#[test]
fn stories_fade_after_the_window() {
    let mut c = Clusterer::new(Config::default());
    let a = c.assign(
        &art("Port Varen dockworkers strike", "Dockworkers in Port Varen went on strike.", Some("2025-03-10")),
        None,
    );
    let b = c.assign(
        &art("Port Varen dockworkers strike again", "Dockworkers in Port Varen went on strike.", Some("2025-06-10")),
        None,
    );
    assert_ne!(a.story, b.story);
}

fn with_language(mut a: Article, language: &str) -> Article {
    a.language = Some(language.into());
    a
}

/// A small invented stream: two strikes in two ports, a museum, and their follow-ups.
fn stream() -> Vec<Article> {
    vec![
        art(
            "Port Varen dockworkers strike",
            "Dockworkers in Port Varen walked out over pay, union leader Ilse Marrow said.",
            Some("2025-03-10"),
        ),
        art(
            "Lindqvist museum reopens east wing",
            "The Lindqvist art museum reopened its east wing after a two-year renovation.",
            Some("2025-03-10"),
        ),
        art(
            "Varen strike enters second day",
            "The Port Varen dockworkers strike entered its second day as Ilse Marrow met harbour officials.",
            Some("2025-03-11"),
        ),
        art(
            "Osterby bakers strike over flour prices",
            "Bakers in Osterby stopped work over flour prices, guild head Tomas Brink said.",
            Some("2025-03-11"),
        ),
        art(
            "Crowds at Lindqvist museum",
            "Visitors queued outside the Lindqvist art museum for the reopened east wing.",
            Some("2025-03-12"),
        ),
        art(
            "Port Varen strike ends with pay deal",
            "Ilse Marrow said the Port Varen dockworkers accepted a pay deal and ended the strike.",
            Some("2025-03-12"),
        ),
        art(
            "Osterby bakery strike spreads",
            "More Osterby bakers joined the strike over flour prices, Tomas Brink said.",
            Some("2025-03-12"),
        ),
    ]
}

fn stories_of(c: &mut Clusterer, articles: &[Article]) -> Vec<StoryId> {
    articles.iter().map(|a| c.assign(a, None).story).collect()
}

#[test]
fn same_input_same_order_same_stories() {
    let a = stories_of(&mut Clusterer::new(Config::default()), &stream());
    let b = stories_of(&mut Clusterer::new(Config::default()), &stream());
    assert_eq!(a, b);
    // The invented stream itself reads as three stories.
    assert_eq!(a[0], a[2]);
    assert_eq!(a[0], a[5]);
    assert_eq!(a[1], a[4]);
    assert_eq!(a[3], a[6]);
    assert_ne!(a[0], a[3], "two strikes of the same kind stay apart");
}

proptest::proptest! {
    /// Ingesting in batches (the state saved and reloaded between them, as the store does)
    /// gives the same stories as one batch.
    #[test]
    fn batch_split_does_not_change_stories(cuts in proptest::collection::vec(0usize..8, 0..4)) {
        let articles = stream();
        let whole = stories_of(&mut Clusterer::new(Config::default()), &articles);
        let mut cuts = cuts;
        cuts.push(articles.len());
        cuts.sort_unstable();
        let mut c = Clusterer::new(Config::default());
        let mut split = Vec::new();
        let mut start = 0;
        for cut in cuts {
            let cut = cut.min(articles.len()).max(start);
            split.extend(stories_of(&mut c, &articles[start..cut]));
            c = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
            start = cut;
        }
        proptest::prop_assert_eq!(whole, split);
    }
}

/// The strike's first report, and a follow-up dated `day`.
fn strike(day: Option<&str>) -> [Article; 2] {
    [
        art(
            "Port Varen dockworkers strike",
            "Dockworkers in Port Varen went on strike, Ilse Marrow said.",
            Some("2025-03-10"),
        ),
        art(
            "Port Varen dockworkers stay on strike",
            "Ilse Marrow said the Port Varen dockworkers stay on strike.",
            day,
        ),
    ]
}

#[test]
fn dateless_article_joins_by_text_and_never_closes_a_story() {
    let mut c = Clusterer::new(Config::default());
    let [a, b] = strike(None).map(|x| c.assign(&x, None));
    assert_eq!(a.story, b.story);
    // The dateless one did not stretch the story's life.
    let d = c.assign(
        &art("Port Varen dockworkers strike", "Dockworkers in Port Varen went on strike.", Some("2025-06-10")),
        None,
    );
    assert_ne!(a.story, d.story);
}

#[test]
fn implausible_dates_count_as_no_date() {
    let mut c = Clusterer::new(Config::default());
    // A year 2099 date (a parse error) neither keeps it out nor moves the stream forward.
    let [a, b] = strike(Some("2099-01-01")).map(|x| c.assign(&x, None));
    let d = c.assign(
        &art(
            "Varen strike talks resume",
            "Talks in the Port Varen dockworkers strike resume, Ilse Marrow said.",
            Some("2025-03-11"),
        ),
        None,
    );
    assert_eq!(a.story, b.story);
    assert_eq!(a.story, d.story);
    assert_eq!(c.latest_day, day_number(&art("x", "", Some("2025-03-11"))));
}

#[test]
fn title_only_article_joins_its_story_but_not_a_stranger() {
    let mut c = Clusterer::new(Config::default());
    let a = c.assign(
        &art(
            "Port Varen dockworkers strike over pay",
            "Dockworkers in Port Varen walked out over pay, union leader Ilse Marrow said on Monday.",
            Some("2025-03-10"),
        ),
        None,
    );
    let b = c.assign(&art("Port Varen dockworkers strike", "", Some("2025-03-10")), None);
    let d = c.assign(&art("Lindqvist museum reopens", "", Some("2025-03-10")), None);
    assert_eq!(a.story, b.story);
    assert!(d.new);
}

/// Three reports of one fire: the first two share too little to join; the third reads like
/// both.
fn fire() -> [Article; 3] {
    [
        art(
            "Fire at Kessel grain silo",
            "Firefighters fought a blaze at the Kessel grain silo overnight; chief Anna Roos said the silo \
             burned for six hours and grain stores were lost.",
            Some("2025-05-02"),
        ),
        art(
            "Kessel farmers count losses",
            "Farmers around Kessel counted their losses after the silo fire; the cooperative said insurance \
             would cover the harvest.",
            Some("2025-05-02"),
        ),
        art(
            "Kessel silo fire: farmers count losses",
            "After the Kessel grain silo fire, which burned for six hours according to fire chief Anna Roos, \
             farmers counted their losses and the cooperative said insurance would cover the harvest.",
            Some("2025-05-03"),
        ),
    ]
}

#[test]
fn stories_found_to_be_one_merge_into_the_older() {
    let mut c = Clusterer::new(Config::default());
    let [x, y, z] = fire().map(|a| c.assign(&a, None));
    assert!(x.new && y.new, "the first two start apart: {x:?} {y:?}");
    assert_eq!(z.story, x.story, "the survivor is the older story");
    assert_eq!(z.merged, vec![y.story]);
    assert_eq!(c.resolve(y.story), x.story);
    assert_eq!(c.resolve(x.story), x.story);
    // A copy of the merged-away story's article lands in the survivor.
    let copy = c.assign(&art("Kessel farmers count losses", "Copy.", Some("2025-05-03")), Some(y.story));
    assert_eq!(copy.story, x.story);
    // With merging off, the third report joins the second and two stories remain.
    let mut off = Clusterer::new(Config { merge_threshold: 2.0, ..Config::default() });
    let [x, y, z] = fire().map(|a| off.assign(&a, None));
    assert!(z.merged.is_empty());
    assert_eq!(z.story, y.story);
    assert_ne!(x.story, y.story);
}

#[test]
fn another_language_starts_its_own_story() {
    let mut c = Clusterer::new(Config::default());
    let en = "Dockworkers in Port Varen went on strike, Ilse Marrow said.";
    let a = c.assign(&with_language(art("Port Varen strike", en, Some("2025-03-10")), "en"), None);
    // Shared names only: the German report is not judged by English term overlap.
    let de = "Die Hafenarbeiter in Port Varen streiken, sagte Ilse Marrow.";
    let b = c.assign(&with_language(art("Streik in Port Varen", de, Some("2025-03-10")), "de"), None);
    assert!(b.new && a.story != b.story);
    // A copy is still forced into its story whatever its language.
    let d = c.assign(&with_language(art("Streik in Port Varen", de, Some("2025-03-10")), "de"), Some(a.story));
    assert_eq!(d.story, a.story);
}

#[test]
fn numbers_are_features_without_separators() {
    assert_eq!(numbers("Payrolls rose by 194,000 (to 5.9%) in 2021, up 3 points."), ["194000", "5.9", "2021"]);
}

#[test]
fn a_report_close_to_one_member_of_a_grown_story_counts_that_member() {
    // Two angles on one strike, then a report that follows the second angle only.
    let stream = [
        art(
            "Varen dock strike talks resume",
            "Union leader Ilse Marrow and harbour officials resumed talks on the Varen dock strike over automated cranes.",
            Some("2025-03-10"),
        ),
        art(
            "Varen dock strike talks stall as cargo ships queue",
            "Talks between union leader Ilse Marrow and harbour officials on the Varen dock strike over automated cranes stalled, while dozens of cargo ships queued outside Varen and container freight was diverted to Tessby.",
            Some("2025-03-11"),
        ),
        art(
            "Freight diverted from Varen, ships queue",
            "Container freight bound for Varen is being diverted to Tessby while cargo ships queue offshore and grain exports wait.",
            Some("2025-03-12"),
        ),
    ];
    let run = |share: f64| {
        let mut c = Clusterer::new(Config { closest_member_share: share, ..Config::default() });
        let out: Vec<Assignment> = stream.iter().map(|a| c.assign(a, None)).collect();
        out
    };
    let with = run(0.5);
    let (mean_only, closest_only) = (run(0.0), run(1.0));
    assert_eq!(with[0].story, with[1].story, "the two angles are one story: {with:?}");
    assert_eq!(with[2].story, with[0].story, "the third report joins it: {with:?}");
    assert!(closest_only[2].score >= with[2].score);
    assert!(mean_only[2].new || mean_only[2].score < with[2].score, "the mean alone scores it lower: {mean_only:?}");
}

/// Headlines of one strike, written from different angles: each shares a word or two with the
/// others.
fn strike_headlines() -> [Article; 5] {
    [
        art("Varen dockworkers walk out over cranes", "", Some("2025-03-10")),
        art("Container ships queue outside Tessby harbour", "", Some("2025-03-10")),
        art("Tessby harbour chief blames Varen dockworkers", "", Some("2025-03-10")),
        art("Cranes dispute: Varen union rejects offer", "", Some("2025-03-11")),
        art("Ships diverted as Varen strike drags on", "", Some("2025-03-11")),
    ]
}

#[test]
fn headline_stories_merge_at_their_own_lower_bar() {
    let run = |config: Config| {
        let mut c = Clusterer::new(config);
        let placed: Vec<StoryId> = strike_headlines().iter().map(|a| c.assign(a, None).story).collect();
        placed.into_iter().map(|s| c.resolve(s)).collect::<Vec<_>>()
    };
    // The harbour headline starts a story of its own; the next one, naming both the harbour
    // and the dockworkers, joins the first and ties the two together.
    let low = run(Config::default());
    assert!(low.iter().all(|s| *s == low[0]), "one story: {low:?}");
    // At the bar for reports with a body, the harbour headline stays apart.
    let high = run(Config { headline_merge_threshold: 0.3, ..Config::default() });
    assert_ne!(high[1], high[0], "{high:?}");
    assert!(high.iter().enumerate().all(|(i, s)| i == 1 || *s == high[0]), "{high:?}");
}

/// Each article's story at the end of a stream: where it was placed, then where it moved, as
/// the store follows an [`Assignment`]; merges resolved.
fn replay(c: &Clusterer, articles: &[Article], assignments: &[Assignment]) -> Vec<StoryId> {
    let mut stories: Vec<StoryId> = Vec::new();
    for (a, placed) in articles.iter().zip(assignments) {
        for m in &placed.moved {
            let i = articles.iter().position(|x| x.id == m.article).expect("a moved article arrived before");
            assert!(i < stories.len(), "only earlier articles move");
            assert_eq!(c.resolve(stories[i]), c.resolve(m.from), "{} moved from where it was", a.title);
            stories[i] = m.to;
        }
        stories.push(placed.story);
    }
    stories.into_iter().map(|s| c.resolve(s)).collect()
}

/// A port strike told in four reports, then a ferry strike in the same port whose first
/// report arrives before its own story exists.
fn ferry() -> Vec<Article> {
    let day = Some("2025-03-10");
    vec![
        art("Port Varen dockworkers strike", "Dockworkers in Port Varen walked out over pay, union leader Ilse Marrow said.", day),
        art("Varen dock strike enters second day", "The Port Varen dockworkers strike over pay entered its second day, Ilse Marrow said.", day),
        art("Varen dockworkers reject pay offer", "Striking Port Varen dockworkers rejected a pay offer from the harbour board, Ilse Marrow said.", day),
        art("Cranes idle as Varen dock strike goes on", "Cranes stood idle at the Port Varen docks as the dockworkers strike over pay went on.", day),
        art(
            "Port Varen ferry crews join dockworkers strike",
            "Ferry crews in Port Varen joined the dockworkers strike, stopping the ferries to Holm island over rosters, captain Jonas Field said.",
            day,
        ),
        art(
            "Holm island cut off as ferry crews stay out over rosters",
            "No ferries reached Holm island as crews stayed out over rosters; captain Jonas Field said they would not sail.",
            day,
        ),
        art(
            "Holm island ferry strike: crews stay out over rosters",
            "Holm island waited for ferries as the crews stayed out over rosters, Jonas Field said.",
            day,
        ),
    ]
}

/// The ferry crews' report joins the dock strike (its own story has not started); when the
/// ferry strike's next report starts a story, the earlier report moves there.
#[test]
fn a_report_placed_before_its_story_existed_moves_there() {
    let articles = ferry();
    let mut c = Clusterer::new(Config::default());
    let all: Vec<Assignment> = articles.iter().map(|a| c.assign(a, None)).collect();
    assert_eq!(all[4].story, all[0].story, "placed in the dock strike first");
    assert!(all[5].new);
    let moved = &all[5].moved;
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!((&moved[0].article, moved[0].from, moved[0].to), (&articles[4].id, all[0].story, all[5].story));
    let stories = replay(&c, &articles, &all);
    assert_eq!(stories[..4], [stories[0]; 4]);
    assert_eq!(stories[4..], [stories[5]; 3]);
    assert_ne!(stories[0], stories[5]);
    // Each story's size still counts its articles.
    for s in c.stories.iter().filter(|s| s.merged_into.is_none()) {
        assert_eq!(s.size as usize, stories.iter().filter(|&&x| x == s.id).count(), "story {}", s.id);
    }
    // Without re-homing it stays.
    let mut c = Clusterer::new(Config { rehome_margin: 2.0, ..Config::default() });
    assert!(articles.iter().all(|a| c.assign(a, None).moved.is_empty()));
}

/// A copy stays with what it copies: the same report placed as a copy (`must`) never moves.
#[test]
fn a_copy_never_moves() {
    let articles = ferry();
    let mut c = Clusterer::new(Config::default());
    let first = c.assign(&articles[0], None).story;
    for (i, a) in articles.iter().enumerate().skip(1) {
        let placed = c.assign(a, (i == 4).then_some(first));
        assert!(placed.moved.is_empty(), "{placed:?}");
    }
}

/// With moves, splitting the stream into batches (the state saved and reloaded between them)
/// still changes nothing.
#[test]
fn batch_split_with_moves_changes_nothing() {
    let articles = ferry();
    let mut whole = Clusterer::new(Config::default());
    let all: Vec<Assignment> = articles.iter().map(|a| whole.assign(a, None)).collect();
    for cut in 1..articles.len() {
        let mut c = Clusterer::new(Config::default());
        let mut parts: Vec<Assignment> = articles[..cut].iter().map(|a| c.assign(a, None)).collect();
        c = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        parts.extend(articles[cut..].iter().map(|a| c.assign(a, None)));
        // Scores may differ in the last bit (terms are interned in hash order), not the moves.
        let moves = |a: &[Assignment]| {
            a.iter()
                .map(|a| a.moved.iter().map(|m| (m.article.clone(), m.from, m.to)).collect())
                .collect::<Vec<Vec<_>>>()
        };
        assert_eq!(moves(&all), moves(&parts), "cut at {cut}");
        assert_eq!(replay(&whole, &articles, &all), replay(&c, &articles, &parts), "cut at {cut}");
    }
}

/// A state saved before members were named still opens; its members never move (they have no
/// id to move by), and the stream goes on.
#[test]
fn a_state_without_member_names_opens_and_its_members_stay() {
    let articles = ferry();
    let mut c = Clusterer::new(Config::default());
    for a in &articles[..5] {
        c.assign(a, None);
    }
    let mut state = serde_json::to_value(&c).unwrap();
    for story in state["stories"].as_array_mut().unwrap() {
        story.as_object_mut().unwrap().remove("member_info");
    }
    let mut c: Clusterer = serde_json::from_value(state).unwrap();
    for a in &articles[5..] {
        assert!(c.assign(a, None).moved.is_empty());
    }
    assert!(c.stories.iter().all(|s| s.member_info.len() == s.members.len()));
}

/// A story whose only article moves away lives on in the story it went to: it is merged away,
/// never a candidate again, and its id resolves to the survivor.
#[test]
fn a_story_left_empty_by_a_move_is_merged_away() {
    let articles = ferry();
    let mut c = Clusterer::new(Config { rehome_margin: 2.0, ..Config::default() });
    let first = c.assign(&articles[0], None).story;
    let lone = c.assign(&articles[5], None).story;
    assert_ne!(first, lone);
    let m = c.move_member((1, 0, 0, 0.5, 0.5));
    assert_eq!((m.article.clone(), m.from, m.to), (articles[5].id.clone(), lone, first));
    assert_eq!(c.resolve(lone), first);
    assert_eq!((c.stories[0].size, c.stories[0].members.len(), c.stories[1].size), (2, 2, 0));
    assert_eq!(c.stories[1].merged_into, Some(first), "never a candidate again");
}
