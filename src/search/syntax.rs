//! fzf's extended query syntax: plain terms, `'exact`, `^prefix`, `suffix$`, `!not` and `a | b`.
//! A plain term that names a symbol LaTeX is shown as (`lambda`, `infty`) finds the symbol too.

use crate::library::latex;

/// What a piece of the query asks of a paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A word or word prefix in the title, an author or the abstract; failing that, a tight
    /// fuzzy match (typos).
    Word,
    /// `'text`: a substring of the title, an author or the abstract.
    Exact,
    /// `^text`: the title starts with it.
    Prefix,
    /// `text$`: the title ends with it.
    Suffix,
    /// `^text$`: the title is it.
    Equal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub kind: Kind,
    /// `!`: the paper must not hold it (a negated plain term is a substring, as in fzf).
    pub negated: bool,
}

impl Piece {
    /// A token of the query, or None if nothing is left once its operators are taken off.
    fn parse(token: &str) -> Option<Piece> {
        let (negated, rest) = match token.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let (exact, rest) = match rest.strip_prefix('\'') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let (prefix, rest) = match rest.strip_prefix('^') {
            Some(rest) if !exact => (true, rest),
            _ => (false, rest),
        };
        let (suffix, rest) = match rest.strip_suffix('$') {
            Some(rest) if !exact && !rest.is_empty() => (true, rest),
            _ => (false, rest),
        };
        if rest.is_empty() {
            return None;
        }
        let kind = match (exact || negated, prefix, suffix) {
            (_, true, true) => Kind::Equal,
            (_, true, false) => Kind::Prefix,
            (_, false, true) => Kind::Suffix,
            (true, false, false) => Kind::Exact,
            (false, false, false) => Kind::Word,
        };
        Some(Piece {
            text: rest.to_string(),
            kind,
            negated,
        })
    }
}

/// The query's clauses, all of which must hold; a clause holds when any of its pieces does
/// (`a | b`). Tokens that are only operators are dropped. A plain term naming a symbol holds
/// where the symbol is, too: `lambda` is `lambda | λ | Λ` (titles and abstracts show LaTeX's
/// `\lambda` as `λ`), `Lambda` only `Lambda | Λ` (smart case).
pub fn parse(text: &str) -> Vec<Vec<Piece>> {
    let mut clauses: Vec<Vec<Piece>> = Vec::new();
    let mut either = false;
    for token in text.split_whitespace() {
        if token == "|" {
            either = !clauses.is_empty();
            continue;
        }
        let Some(piece) = Piece::parse(token) else {
            continue;
        };
        match clauses.last_mut() {
            Some(last) if either => last.push(piece),
            _ => clauses.push(vec![piece]),
        }
        either = false;
    }
    for clause in &mut clauses {
        let symbols: Vec<Piece> = clause
            .iter()
            .filter(|p| p.kind == Kind::Word && !p.negated)
            .flat_map(|p| latex::symbols_named(&p.text))
            .map(|symbol| Piece {
                text: symbol.to_string(),
                kind: Kind::Word,
                negated: false,
            })
            .collect();
        for piece in symbols {
            if !clause.contains(&piece) {
                clause.push(piece);
            }
        }
    }
    clauses
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<Vec<(String, Kind, bool)>> {
        parse(q)
            .into_iter()
            .map(|c| c.into_iter().map(|p| (p.text, p.kind, p.negated)).collect())
            .collect()
    }

    fn one(text: &str, kind: Kind, negated: bool) -> Vec<(String, Kind, bool)> {
        vec![(text.to_string(), kind, negated)]
    }

    #[test]
    fn each_operator_gives_its_kind() {
        assert_eq!(
            kinds("word 'exact ^start end$ ^all$ !not !^pre"),
            [
                one("word", Kind::Word, false),
                one("exact", Kind::Exact, false),
                one("start", Kind::Prefix, false),
                one("end", Kind::Suffix, false),
                one("all", Kind::Equal, false),
                one("not", Kind::Exact, true),
                one("pre", Kind::Prefix, true),
            ]
        );
    }

    #[test]
    fn a_bar_joins_the_terms_beside_it() {
        let q = kinds("sparse | dense attention | memory");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].len(), 2);
        assert_eq!(q[1].len(), 2);
    }

    #[test]
    fn a_symbol_name_also_finds_the_symbol() {
        let word = |t: &str| (t.to_string(), Kind::Word, false);
        assert_eq!(
            kinds("lambda calculus"),
            [
                vec![word("lambda"), word("Λ"), word("λ")],
                vec![word("calculus")]
            ]
        );
        assert_eq!(kinds("Lambda"), [vec![word("Lambda"), word("Λ")]]);
        assert_eq!(
            kinds("alpha | λ"),
            [vec![word("alpha"), word("λ"), word("α")]]
        );
        assert_eq!(kinds("!lambda"), [one("lambda", Kind::Exact, true)]);
        assert_eq!(kinds("'lambda"), [one("lambda", Kind::Exact, false)]);
    }

    #[test]
    fn lone_operators_are_dropped_and_never_panic() {
        assert!(parse("| ! ' ^ !' |").is_empty());
        assert_eq!(kinds("| a |"), [one("a", Kind::Word, false)]);
        assert_eq!(kinds("'a$"), [one("a$", Kind::Exact, false)]);
    }
}
