//! Part 6: the searcher in process, on the arXiv-format corpus: how long a broad query takes to
//! its first screen in list order, its best page ranked and its whole ranking, typed a
//! character at a time (each narrowing the last) and pasted whole (nothing cached).

use std::sync::mpsc;
use std::time::{Duration, Instant};

use papertui::library::Library;
use papertui::model::Report;
use papertui::search::{FIRST_PAGE, SearchRequest, Stage};
use papertui::workers::searcher::Searcher;

/// Typed a character at a time: the broad first characters of a common word, then a
/// selective word.
pub(crate) const TYPED: [&str; 2] = ["pretrain", "diffusion"];
/// Pasted whole into a fresh reader.
pub(crate) const PASTED: [&str; 4] = ["p", "pr", "model", "diffusion"];

const PATIENCE: Duration = Duration::from_mins(2);

/// One query's answers: when each stage came (from the request), and the hits of the last.
pub(crate) struct Answered {
    pub(crate) query: String,
    pub(crate) list_order: Option<f64>,
    pub(crate) best_page: Option<f64>,
    pub(crate) complete: f64,
    pub(crate) hits: usize,
}

impl Answered {
    /// When the screen first showed ranked results: the best page, else the whole ranking.
    pub(crate) fn ranked(&self) -> f64 {
        self.best_page.unwrap_or(self.complete)
    }
}

struct Session {
    searcher: Searcher,
    answers: mpsc::Receiver<(u64, Stage, usize, Instant)>,
    generation: u64,
}

impl Session {
    fn new() -> Session {
        let (tx, answers) = mpsc::channel();
        let searcher = Searcher::spawn(Box::new(move |report| match report {
            Report::SearchDone {
                generation,
                hits,
                stage,
            } => tx
                .send((generation, stage, hits.len(), Instant::now()))
                .is_ok(),
            _ => true,
        }))
        .expect("a search thread");
        Session {
            searcher,
            answers,
            generation: 0,
        }
    }

    fn ask(&mut self, library: &Library, query: &str) -> Answered {
        self.generation += 1;
        let start = Instant::now();
        self.searcher.submit(SearchRequest {
            generation: self.generation,
            query: query.into(),
            library: library.clone(),
            depth: FIRST_PAGE,
        });
        let mut out = Answered {
            query: query.into(),
            list_order: None,
            best_page: None,
            complete: 0.0,
            hits: 0,
        };
        loop {
            let (generation, stage, hits, at) =
                self.answers.recv_timeout(PATIENCE).expect("an answer");
            if generation != self.generation {
                continue;
            }
            let t = (at - start).as_secs_f64();
            match stage {
                Stage::ListOrder => out.list_order = Some(t),
                Stage::BestPage => out.best_page = Some(t),
                Stage::Complete => {
                    out.complete = t;
                    out.hits = hits;
                    return out;
                }
            }
        }
    }
}

fn ms(t: Option<f64>) -> String {
    t.map_or_else(|| "     -".into(), |t| format!("{:>6.1}", t * 1e3))
}

fn print(a: &Answered, papers: usize) {
    println!(
        "   {:<12} list order {} ms  best page {} ms  all ranked {:>7.1} ms  {:>7} hits ({:.1}%)",
        format!("{:?}", a.query),
        ms(a.list_order),
        ms(a.best_page),
        a.complete * 1e3,
        a.hits,
        a.hits as f64 * 100.0 / papers as f64
    );
}

/// Runs the queries `runs` times; returns every answer (typed ones first).
pub(crate) fn measure(library: &Library, runs: usize) -> (Vec<Answered>, Vec<Answered>) {
    let papers = library.len();
    let (mut typed, mut pasted) = (Vec::new(), Vec::new());
    for run in 0..runs {
        println!("   run {run}: typed, each character narrowing the last");
        for query in TYPED {
            let mut session = Session::new();
            for end in 1..=query.len() {
                let a = session.ask(library, &query[..end]);
                print(&a, papers);
                typed.push(a);
            }
        }
        println!("   run {run}: pasted whole, nothing cached");
        for query in PASTED {
            let a = Session::new().ask(library, query);
            print(&a, papers);
            pasted.push(a);
        }
    }
    (typed, pasted)
}
