//! A deterministic generator of news-like text.
//!
//! Everything here is invented for the benchmark: a small vocabulary of wire-story
//! sentence templates (datelines, attributions, curly quotes, money, dates, AP
//! abbreviations) combined at random. Four kinds of document are mixed, because each
//! exercises different rules and different parser paths:
//!
//! - clean wire stories, one paragraph per line with blank lines between: the common case,
//!   where the rules scan and find nothing;
//! - spun stories: the same, with tortured phrases from `spin/tortured-phrase` spliced in;
//! - scraped pages: no blank lines at all (one block per page) and site furniture around
//!   the story: breadcrumb, date stamp, UI labels, a "Related" list, a comment prompt;
//! - FAQ-padded rewrites: filler phrases, a stock conclusion and a FAQ section.
//!
//! Documents are built as a list of typed lines and rendered afterwards, so the plain-text
//! and Markdown benchmarks measure exactly the same content.
//!
//! One file, two users: the criterion bench (`benches/throughput.rs`) and the corpus writer
//! of the CLI harness (`examples/gen_corpus.rs`, via `#[path]`) both include it as
//! `mod corpus`, so `one-1mb.txt` is the very text the bench calls `check/1MB`. It sits in a
//! directory because Cargo takes every `benches/*.rs` for a bench target of its own (but not
//! `benches/*/mod.rs`). Changing the generator changes the bytes measured by both.

/// xorshift64 (Marsaglia, 2003): a few instructions per number, no dependency, and the
/// same sequence on every platform. Statistical quality is irrelevant here.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // The all-zero state is a fixed point of xorshift.
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Clean,
    Spun,
    Scraped,
    FaqPadded,
}

/// One line of a document, typed so each renderer can lay it out its own way.
pub enum Line {
    /// The story's title (`# ` in Markdown).
    Headline(String),
    /// A section header such as "FAQ" or "Related" (`## ` in Markdown).
    Subhead(String),
    /// Body text: a paragraph, a FAQ question or answer, a "- " bullet, or a line of
    /// site furniture; all render the same in both formats.
    Text(String),
}

pub struct Doc {
    pub kind: Kind,
    pub lines: Vec<Line>,
}

// --- vocabulary ---------------------------------------------------------------------

/// Dateline cities with their AP state abbreviations.
const PLACES: &[&str] = &[
    "HARBORTON, Maine",
    "MILLBROOK, Ore.",
    "CEDAR FALLS, Iowa",
    "PORT ELLIS, Wash.",
    "GRANVILLE, Ky.",
    "SOUTH LANDING, N.C.",
    "RIVERTON, Wyo.",
    "LAKE ASHBY, Minn.",
    "FAIRHAVEN, Mass.",
    "DUNMORE, Pa.",
    "SILVER CREEK, Nev.",
    "BAYPORT, Fla.",
];
const FIRST: &[&str] =
    &["Maria", "James", "Aisha", "Tom", "Elena", "Samuel", "Priya", "Daniel", "Grace", "Omar", "Linh", "Robert"];
const LAST: &[&str] = &[
    "Ortega",
    "Whitfield",
    "Okafor",
    "Brennan",
    "Castillo",
    "Nakamura",
    "Delgado",
    "Haskins",
    "Lindqvist",
    "Abernathy",
    "Moreau",
    "Pruitt",
];
const TITLES: &[&str] =
    &["Mayor", "Gov.", "Sen.", "Rep.", "Police Chief", "Dr.", "Superintendent", "Fire Chief", "Commissioner"];
const ORGS: &[&str] = &[
    "the city council",
    "the U.S. Coast Guard",
    "the U.S. Department of Agriculture",
    "the Federal Aviation Administration",
    "the state Department of Transportation",
    "Northfield Power Co.",
    "Ridgeline Health Inc.",
    "the county school board",
    "the port authority",
];
const SUBJECTS: &[&str] = &[
    "Dockworkers",
    "Firefighters",
    "State lawmakers",
    "Federal regulators",
    "Hundreds of residents",
    "School officials",
    "Utility crews",
    "The city council",
];
const ACTIONS: &[&str] = &[
    "walked off the job",
    "approved a revised budget",
    "opened an inquiry into the collapse of a pedestrian bridge",
    "evacuated homes along the river",
    "voted to delay the project",
    "restored power to most customers",
    "closed the harbor to commercial traffic",
];
const DAYS: &[&str] = &["on Monday", "on Tuesday", "late Wednesday", "on Thursday", "early Friday", "over the weekend"];
const REASONS: &[&str] = &[
    "after weeks of stalled talks",
    "as heavy rain swept across the region",
    "following a contentious public hearing",
    "citing safety concerns",
    "amid a dispute over wages",
];
const THINGS: &[&str] =
    &["bridge", "water treatment plant", "harbor", "library", "rail line", "hospital wing", "courthouse"];
const METRICS: &[&str] = &["Ridership", "Enrollment", "Tax revenue", "Home sales", "Cargo volume"];
/// AP abbreviates these months before a day ("Oct. 7"); the rest are spelled out.
const MONTHS: &[&str] =
    &["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
const QUOTES: &[&str] = &[
    "We are doing everything we can to get people back home",
    "This is not the outcome anyone wanted",
    "The numbers speak for themselves",
    "We expect the work to be finished before the end of the year",
    "Nobody should have to choose between rent and medicine",
    "It’s going to take time, but we’ll get there",
];
const ROLES: &[&str] = &[
    "a spokesperson for the utility",
    "the county’s emergency manager",
    "an economist at the state university",
    "president of the local union",
];

/// Set phrases that spinners mangle, as (clean, spun). The spun forms are entries of
/// `lints/spin/tortured-phrase.toml`, so a spun story is guaranteed to be flagged.
const SPINNABLE: &[(&str, &str)] = &[
    ("on condition of anonymity", "on situation of anonymity"),
    ("The Associated Press", "The Related Press"),
    ("think tank", "suppose tank"),
    ("said in a statement", "mentioned in an announcement"),
    ("news conference", "information convention"),
    ("wearing thin", "sporting skinny"),
    ("law enforcement", "legislation enforcement"),
    ("health care", "well being care"),
];

// --- sentences ----------------------------------------------------------------------

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn date(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(MONTHS), rng.range(1, 28))
}

fn money(rng: &mut Rng) -> String {
    let unit = if rng.chance(30) { "billion" } else { "million" };
    format!("${}.{} {unit}", rng.range(1, 40), rng.range(1, 9))
}

/// The clean or spun form of `SPINNABLE[i]`.
fn set_phrase(i: usize, spun: bool) -> &'static str {
    let (clean, tortured) = SPINNABLE[i];
    if spun { tortured } else { clean }
}

/// `s` with its first letter in upper case, for sentences that start with a phrase
/// from the vocabulary ("the city council said …").
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The first paragraph: dateline, agency, em dash, then the news.
fn lede(rng: &mut Rng) -> String {
    format!(
        "{} (AP) — {} {} {} {}.",
        rng.pick(PLACES),
        rng.pick(SUBJECTS),
        rng.pick(ACTIONS),
        rng.pick(DAYS),
        rng.pick(REASONS)
    )
}

/// Number of sentence templates in `sentence`.
const TEMPLATES: u64 = 14;

/// Body sentence number `template`. `spun` makes its set phrase, if it has one, come
/// out tortured. Each template draws several slots so that, over a megabyte, whole
/// paragraphs rarely repeat: repeats would make `structure/duplicate-paragraph` fire
/// on every page, which real copy does not do.
fn sentence(rng: &mut Rng, template: u64, spun: bool) -> String {
    let thing = rng.pick(THINGS);
    let day = rng.pick(DAYS);
    let sentence = match template {
        0 => format!("“{},” {} {} said {day}.", rng.pick(QUOTES), rng.pick(TITLES), name(rng)),
        1 => format!("“{},” said {}, {}.", rng.pick(QUOTES), name(rng), rng.pick(ROLES)),
        2 => format!("Repairs to the {thing} will cost about {}, the official said.", money(rng)),
        3 => {
            format!("A public hearing on the {thing} is scheduled for {}, according to {}.", date(rng), rng.pick(ORGS))
        }
        4 => format!(
            "{} fell {}.{}% from a year earlier, according to figures released {day}.",
            rng.pick(METRICS),
            rng.range(1, 30),
            rng.range(0, 9),
        ),
        5 => format!(
            "About {},{:03} customers were still without power as of {} {} {day}, the utility said.",
            rng.range(1, 90),
            rng.range(0, 999),
            rng.range(1, 11),
            rng.pick(&["a.m.", "p.m."]),
        ),
        6 => format!(
            "{} officials, who spoke {} because they were not authorized to discuss {} publicly, said a deal on the {thing} was close.",
            rng.pick(&["Two", "Three", "Several"]),
            set_phrase(0, spun),
            rng.pick(&["the talks", "the negotiations", "the inquiry", "the findings"]),
        ),
        7 => format!(
            "{} told {} {day} that {} had not asked the U.S. government for help.",
            name(rng),
            set_phrase(1, spun),
            rng.pick(ORGS),
        ),
        8 => format!(
            "{}, a senior fellow at a Washington {}, said the {thing} had been neglected for {} decades.",
            name(rng),
            set_phrase(2, spun),
            rng.pick(&["two", "three", "several"]),
        ),
        9 => capitalize(&format!(
            "{} {} {day} that the {thing} would stay closed until {}.",
            rng.pick(ORGS),
            set_phrase(3, spun),
            date(rng),
        )),
        10 => format!(
            "At a {} {day}, {} {} declined to take questions about the {thing}.",
            set_phrase(4, spun),
            rng.pick(TITLES),
            rng.pick(LAST),
        ),
        11 => format!(
            "{} said their patience with the {thing} closures was {}.",
            rng.pick(&["Residents", "Business owners", "Commuters", "Parents"]),
            set_phrase(5, spun),
        ),
        12 => format!(
            "{} {} officers were posted near the {thing} {day}.",
            rng.pick(&["State", "County", "Federal"]),
            set_phrase(6, spun),
        ),
        _ => format!(
            "The dispute has also held up {} for {} in School District No. {}.",
            money(rng),
            set_phrase(7, spun),
            rng.range(2, 9),
        ),
    };
    end_once(sentence)
}

/// An organisation ending in an abbreviation ("Northfield Power Co.") can end a
/// sentence; AP style then writes one period, not two.
fn end_once(sentence: String) -> String {
    sentence.replace("..", ".")
}

/// A headline in AP sentence case.
fn headline(rng: &mut Rng) -> String {
    let thing = rng.pick(THINGS);
    let event = rng.pick(&["closes", "reopens", "faces new delays", "draws protest", "wins federal money"]);
    let tail = rng.pick(&["after storm", "as talks stall", "amid budget fight", "in split vote", ""]);
    capitalize(format!("{thing} {event} {tail}").trim_end())
}

/// A body paragraph of two or three sentences from different templates. (Single-sentence
/// paragraphs, common in wire copy, would repeat too often across a megabyte; the lede
/// stands alone.) In a spun story about a third of the sentences use the tortured
/// forms; the rest stay clean, as in real spun copy.
fn paragraph(rng: &mut Rng, kind: Kind) -> String {
    let mut template = rng.range(0, TEMPLATES - 1);
    let mut sentences = Vec::new();
    for _ in 0..rng.range(2, 3) {
        let spun = kind == Kind::Spun && rng.chance(35);
        sentences.push(sentence(rng, template, spun));
        template = (template + rng.range(1, TEMPLATES - 1)) % TEMPLATES;
    }
    sentences.join(" ")
}

// --- documents ----------------------------------------------------------------------

/// A story of at least `min_bytes` of body text, with the kind's extras around it.
fn story(rng: &mut Rng, kind: Kind, min_bytes: usize) -> Doc {
    let mut lines = Vec::new();
    let title = headline(rng);
    if kind == Kind::Scraped {
        let section = rng.pick(&["Local", "Business", "Politics", "Weather"]);
        lines.push(Line::Text(format!("Home > News > {section}")));
        lines.push(Line::Headline(title));
        lines.push(Line::Text(format!(
            "Date:2025-{:02}-{:02} {:02}:{:02}:{:02}",
            rng.range(1, 12),
            rng.range(1, 28),
            rng.range(0, 23),
            rng.range(0, 59),
            rng.range(0, 59)
        )));
        lines.push(Line::Text("View".to_string()));
    } else {
        lines.push(Line::Headline(title));
    }
    lines.push(Line::Text(lede(rng)));
    let mut bytes = 0;
    while bytes < min_bytes {
        let mut para = paragraph(rng, kind);
        if kind == Kind::FaqPadded && rng.chance(25) {
            let fact = format!("the {} has been closed since {}.", rng.pick(THINGS), date(rng));
            para = format!("{} {fact} {para}", rng.pick(&["It is important to note that", "It is worth noting that"]));
        }
        bytes += para.len();
        lines.push(Line::Text(para));
    }
    match kind {
        Kind::Clean | Kind::Spun => {}
        Kind::Scraped => {
            lines.push(Line::Subhead("Related".to_string()));
            for _ in 0..rng.range(3, 5) {
                lines.push(Line::Text(format!("- {}", headline(rng))));
            }
            lines.push(Line::Text("Leave a Comment".to_string()));
        }
        Kind::FaqPadded => {
            let thing = rng.pick(THINGS);
            lines.push(Line::Text(format!("Only time will tell whether the {thing} will reopen on schedule.")));
            lines.push(Line::Subhead("FAQ".to_string()));
            lines.push(Line::Text(format!("When will the {thing} reopen?")));
            lines.push(Line::Text(format!("Officials expect the {thing} to reopen by {}.", date(rng))));
            lines.push(Line::Text("How much will the repairs cost?".to_string()));
            lines.push(Line::Text(format!("The repairs are expected to cost {}.", money(rng))));
            lines.push(Line::Text(format!("Who is affected by the {thing} closure?")));
            lines.push(Line::Text(end_once(format!(
                "About {},{:03} residents, according to {}.",
                rng.range(1, 60),
                rng.range(0, 999),
                rng.pick(ORGS)
            ))));
        }
    }
    Doc { kind, lines }
}

/// Documents of all four kinds, in random order, until their rendered size passes
/// `target` bytes. Clean stories dominate, as they would in a real newsroom's files.
pub fn mixed(seed: u64, target: usize) -> Vec<Doc> {
    let mut rng = Rng::new(seed);
    let mut docs = Vec::new();
    let mut size = 0;
    while size < target {
        let doc = mixed_doc(&mut rng);
        size += render_text(std::slice::from_ref(&doc)).len();
        docs.push(doc);
    }
    docs
}

/// The next document of `mixed`: a random kind and a body of 1.5–5 KB. Lets a caller
/// stream a large corpus without holding it.
pub fn mixed_doc(rng: &mut Rng) -> Doc {
    let kind = random_kind(rng);
    let min_bytes = rng.range(1_500, 5_000) as usize;
    story(rng, kind, min_bytes)
}

/// A document of a random kind (same odds as `mixed`) with at least `min_bytes` of body.
#[allow(dead_code, reason = "used by examples/gen_corpus.rs, not by the bench")]
pub fn story_of_random_kind(rng: &mut Rng, min_bytes: usize) -> Doc {
    let kind = random_kind(rng);
    story(rng, kind, min_bytes)
}

/// Four in ten clean, two spun, two scraped, one FAQ-padded.
fn random_kind(rng: &mut Rng) -> Kind {
    match rng.range(0, 9) {
        0..=3 => Kind::Clean,
        4..=5 => Kind::Spun,
        6..=7 => Kind::Scraped,
        _ => Kind::FaqPadded,
    }
}

/// One spun story of about `target` bytes (about twenty tortured phrases in 10 KB), so
/// the diagnostic path runs as well as the scan.
pub fn article(seed: u64, target: usize) -> Doc {
    // The headline, lede and last paragraph come on top of the body; stop short of
    // `target` so the whole lands close to it.
    story(&mut Rng::new(seed), Kind::Spun, target.saturating_sub(400))
}

/// Plain text: one paragraph per line with blank lines between, except scraped pages,
/// which have no blank lines at all (that is what a scraper produces). Documents are
/// separated by a blank line.
pub fn render_text(docs: &[Doc]) -> String {
    render(docs, |line| match line {
        Line::Headline(s) | Line::Subhead(s) | Line::Text(s) => s.clone(),
    })
}

/// The same documents as Markdown: a front matter block at the top, `# ` before
/// headlines and `## ` before section headers; the line layout is unchanged.
pub fn render_markdown(docs: &[Doc]) -> String {
    let front = "---\ntitle: \"Wire digest\"\ndate: 2025-06-02\ntags: [news, wire, generated]\n---\n\n";
    let body = render(docs, |line| match line {
        Line::Headline(s) => format!("# {s}"),
        Line::Subhead(s) => format!("## {s}"),
        Line::Text(s) => s.clone(),
    });
    format!("{front}{body}")
}

fn render(docs: &[Doc], line: impl Fn(&Line) -> String) -> String {
    let mut out = String::new();
    for doc in docs {
        let sep = if doc.kind == Kind::Scraped { "\n" } else { "\n\n" };
        let lines: Vec<String> = doc.lines.iter().map(&line).collect();
        out.push_str(&lines.join(sep));
        out.push_str("\n\n");
    }
    out
}
