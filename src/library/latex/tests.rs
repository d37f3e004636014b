use proptest::prelude::*;

use super::*;

fn u(s: &str) -> String {
    to_unicode(s).into_owned()
}

/// The first 200 records of the arXiv snapshot (2007, mostly physics and mathematics).
const SNAPSHOT: &str =
    include_str!("../../../tests/data/arxiv-metadata-oai-snapshot.sample200.jsonl");

#[test]
fn titles_of_the_arxiv_snapshot_read_as_symbols() {
    assert_eq!(
        u(r"From dyadic $\Lambda_{\alpha}$ to $\Lambda_{\alpha}$"),
        "From dyadic Λ_α to Λ_α"
    );
    assert_eq!(
        u("$p$-adic Limit of Weakly Holomorphic Modular Forms of Half Integral\n  Weight"),
        "p-adic Limit of Weakly Holomorphic Modular Forms of Half Integral\n  Weight"
    );
    assert_eq!(
        u(
            r#"Approximation for extinction probability of the contact process based on the Gr\"obner basis"#
        ),
        "Approximation for extinction probability of the contact process based on the Gröbner basis"
    );
    assert_eq!(
        u(r"A transcendental approach to Koll\'ar's injectivity theorem"),
        "A transcendental approach to Kollár's injectivity theorem"
    );
    assert_eq!(
        u(r"  CeAg$_2$Ge$_2$ single crystal"),
        "  CeAg₂Ge₂ single crystal"
    );
    assert_eq!(
        u(r"Strong Phase and $D^0-D^0bar$ mixing at BES-III"),
        "Strong Phase and D⁰-D⁰bar mixing at BES-III"
    );
    assert_eq!(
        u(
            r"Reparametrization Invariance, the controversial extraction of $\alpha$ from $B\to\pi\pi$ and New Physics"
        ),
        "Reparametrization Invariance, the controversial extraction of α from B → ππ and New Physics"
    );
    assert_eq!(
        u(r"The Hardy-Lorentz Spaces $H^{p,q}(R^n)$"),
        "The Hardy-Lorentz Spaces H^{p,q}(Rⁿ)"
    );
}

#[test]
fn formulas_of_the_arxiv_snapshot_read_as_symbols() {
    let cases = [
        (
            r"modular forms on $SL_2(\mathbb{Z})$ for $p=2,3,5,7$",
            "modular forms on SL₂(ℤ) for p=2,3,5,7",
        ),
        (r"weight on $\Gamma_{0}(4N)$ for", "weight on Γ₀(4N) for"),
        (
            r"baryons $\Xi_{cc}^{+}$, $\Xi_{cc}^{++}$ and $\Omega_{cc}^{+}$.",
            "baryons Ξ_{cc}⁺, Ξ_{cc}⁺⁺ and Ω_{cc}⁺.",
        ),
        (
            r"effects in the $\bar\nu_e$ spectrum",
            "effects in the ν̄ₑ spectrum",
        ),
        (r"above a few$\times 10^{-5}$.", "above a few× 10⁻⁵."),
        (
            r"with $0<p\le 1$, $0<q\le \infty$.",
            "with 0<p ≤ 1, 0<q ≤ ∞.",
        ),
        (
            r"broadening, $V_{\rm rot} \sin i_{\rm rot} = 28.9 \pm 1.0$ \kms, gives",
            r"broadening, Vᵣₒₜ sin iᵣₒₜ = 28.9 ± 1.0 \kms, gives",
        ),
        (r"as low as $\Theta(m\log n)$,", "as low as Θ(m log n),"),
        (r"using the $^3P_0$ model", "using the ³P₀ model"),
        (r"24$^{\mathrm{th}}$ IAGRG meeting", "24ᵗʰ IAGRG meeting"),
        (r"near the $D\bar{D}$ threshold", "near the DD̄ threshold"),
        (
            r"parameters, $y^\prime$, $y_{CP}$ and $x$",
            "parameters, y′, y_{CP} and x",
        ),
        (
            r"the neutron skin $\Delta R$ from",
            "the neutron skin ΔR from",
        ),
        (
            r"values around $\alpha\sim \pi/4$;",
            "values around α ∼ π/4;",
        ),
        (r"as $n\to \infty$, where", "as n → ∞, where"),
        (
            r"the inequalities $A\ge ||B||$.",
            "the inequalities A ≥ ||B||.",
        ),
        (
            r"where $|\delta V(\phi)|\ll V_{0}$ is",
            "where |δV(φ)| ≪ V₀ is",
        ),
        (
            r"for the compound Cu$_{3}$(CO$_{3}$)$_{2}$(OH)$_{2}$ are",
            "for the compound Cu₃(CO₃)₂(OH)₂ are",
        ),
        (
            r"circulation $\Gamma=\oint {\rm d}{\bf r}\cdot{\bf v}({\bf r})$ about",
            "circulation Γ=∮dr · v(r) about",
        ),
        (
            "cusp forms $f(z) := \\sum_{n=0}^{\\infty}\na_f(n)q ^n \\in S_{\\lambda+1/2}(\\Gamma_0(N),\\chi)\\cap \\mathbb{Z}[[q]]$ that",
            "cusp forms f(z) := ∑ₙ₌₀^∞\na_f(n)qⁿ ∈ S_{λ+1/2}(Γ₀(N),χ) ∩ ℤ[[q]] that",
        ),
        (
            "fixed integers $r_1\\le r_2\\le ...\\le r_l$, the",
            "fixed integers r₁ ≤ r₂ ≤ ... ≤ rₗ, the",
        ),
        (r"generators $L_{e_1},...$", "generators L_{e₁},..."),
        (
            r"Morita $\alpha$-contexts to $\ast$-modules",
            "Morita α-contexts to ∗-modules",
        ),
    ];
    for (raw, shown) in cases {
        assert_eq!(u(raw), shown, "{raw}");
    }
}

#[test]
fn text_of_the_arxiv_snapshot_reads_as_letters() {
    let cases = [
        (
            r"semicubes, and Djokovi\'{c}'s and",
            "semicubes, and Djoković's and",
        ),
        (
            r#"nonlinear Schr\"{o}dinger equation"#,
            "nonlinear Schrödinger equation",
        ),
        (r"A. Petojevi\' c verified", "A. Petojević verified"),
        (r"the R\'ev\'esz and Omn\`es", "the Révész and Omnès"),
        (r"of the {\em Lorentzian} path", "of the Lorentzian path"),
        (
            r"{\it Marginally consistent} CDM",
            "Marginally consistent CDM",
        ),
        (
            r"consider {\em{weakly stable}} components",
            "consider weakly stable components",
        ),
        (
            r"Phys. Rev. Lett. {\bf 98}, 227202",
            "Phys. Rev. Lett. 98, 227202",
        ),
        (
            r"of a given {\cal K}-invariant class",
            "of a given 𝒦-invariant class",
        ),
        (r"study of 1\textit{T}-TiSe$_2$", "study of 1T-TiSe₂"),
        (
            r"determinations of \pi\pi scattering",
            "determinations of ππ scattering",
        ),
        (
            r"a mixture of \sigma band vortices",
            "a mixture of σ band vortices",
        ),
        (r"variables \theta and \bar\theta.", "variables θ and θ̄."),
        (r"made in \cite{G2} that", r"made in \cite{G2} that"),
        (
            r"radius, \la r^2\ra^\pi_s, plays",
            r"radius, \la r^2\ra^π_s, plays",
        ),
    ];
    for (raw, shown) in cases {
        assert_eq!(u(raw), shown, "{raw}");
    }
}

#[test]
fn formulas_of_an_arxiv_api_answer_read_as_symbols() {
    // tests/data/recorded/arxiv-api-cs.LG-cs.AI-2026-04-30.xml
    let cases = [
        (
            r"to remove the $\ln \ln T$ factor",
            "to remove the ln ln T factor",
        ),
        (
            r"the number of samples $n \to \infty$.",
            "the number of samples n → ∞.",
        ),
        (
            r"is roughly $1/\sqrt{n}$. Finally",
            "is roughly 1/√n. Finally",
        ),
        (
            r"Memories (AMs) $\textit{with emergent creative capabilities}$. The",
            "Memories (AMs) with emergent creative capabilities. The",
        ),
        (
            r"recovery of $\textit{training}$ and $\textit{test}$ examples",
            "recovery of training and test examples",
        ),
    ];
    for (raw, shown) in cases {
        assert_eq!(u(raw), shown, "{raw}");
    }
}

#[test]
fn common_notation_reads_as_symbols() {
    let cases = [
        (r"$\mathcal{O}(n \log n)$ time", "𝒪(n log n) time"),
        (r"in $\mathbb{R}^d$", "in ℝᵈ"),
        (r"an $\ell_1$ penalty", "an ℓ₁ penalty"),
        (r"$\epsilon$-greedy", "ε-greedy"),
        (r"$x_{ij}$ and $x^2$", "xᵢⱼ and x²"),
        (r"$O(\sqrt{T})$ regret", "O(√T) regret"),
        (r"$\frac{1}{2}$ and $\frac{a}{b}$", "½ and a⁄b"),
        (r"$\{0,1\}^n$", "{0,1}ⁿ"),
        (r"$a\,b$ and $a~b$", "a b and a b"),
        (
            r"$x \notin A$, $x \not\in B$, $a \neq b$",
            "x ∉ A, x ∉ B, a ≠ b",
        ),
        (r"$\mathfrak{g}$ and $\mathbb{1}$", "𝔤 and 𝟙"),
        (r"\(\alpha\) and \[\beta\]", "α and β"),
        (r"$$E = mc^2$$", "E = mc²"),
        (r"$\hat{x}$, $\vec{v}$, $\tilde{n}$", "x̂, v⃗, ñ"),
        (r"$\left( \frac{1}{2} \right)$", "( ½ )"),
        (r"$90^\circ$ and $A^\top$", "90° and A^⊤"),
        (r"$\lim_{n\to\infty} a_n$", "lim_{n→∞} aₙ"),
        (r"$\Pr[X]$ and $\operatorname{Var}$", "Pr[X] and Var"),
    ];
    for (raw, shown) in cases {
        assert_eq!(u(raw), shown, "{raw}");
    }
}

#[test]
fn text_commands_are_unwrapped_and_escapes_unescaped() {
    let cases = [
        (
            r"\textit{Italic}, \emph{stressed} and \textbf{bold}",
            "Italic, stressed and bold",
        ),
        (
            r"\texttt{code} \& more: 50\% of \$5, a\_b \#1",
            "code & more: 50% of $5, a_b #1",
        ),
        (r#"\v{S}koda and {\"o}"#, "Škoda and ö"),
        (r"\LaTeX\ and Gei\ss ler", "LaTeX and Geißler"),
        (
            r"pre--training --- and dashes",
            "pre--training --- and dashes",
        ),
        (
            "Fig.~1 and https://x.org/~me",
            "Fig.~1 and https://x.org/~me",
        ),
        ("a {0,1} set", "a {0,1} set"),
    ];
    for (raw, shown) in cases {
        assert_eq!(u(raw), shown, "{raw}");
    }
}

#[test]
fn formulas_with_anything_unknown_stay_as_written() {
    let cases = [
        r"a $\lam$-intersection body",
        r"decompositions $c=\si_1\si_2 cdots\si_d$ of",
        r"of $4500\kms$ today",
        r"$\Q(\sqrt{5})$",
        r"$a \\ b$",
        r"$x & y$",
        r"$\sqrt{n+1}$",
        r"$\frac{a+b}{2}$",
        r"$ $",
        r"$\unknown{x}$",
        r"$x^$",
        r"${a$",
        r"$a}$",
    ];
    for raw in cases {
        assert_eq!(u(raw), raw);
    }
}

#[test]
fn a_missing_dollar_leaves_the_text_between_formulas_as_text() {
    // 0704.0106: the first formula lost its opening dollar.
    assert_eq!(
        u(
            r"up to order \cal{O}(\alpha_{s}^2)$ in deeply inelastic scattering. At the order $\cal{O}(\alpha_s^2)$, twist"
        ),
        "up to order 𝒪(α_{s}^2)$ in deeply inelastic scattering. At the order 𝒪(αₛ²), twist"
    );
    // 0704.0200: one lost in the middle of a list.
    assert_eq!(
        u(
            r"$\Delta\beta_p=1.2\mp 0.6$, \Delta\alpha_n=0.8\pm 1.7$ and $\Delta\beta_n=2.0\mp 1.8$ are"
        ),
        r"Δβₚ=1.2 ∓ 0.6, Δα_n=0.8± 1.7$ and Δβₙ=2.0 ∓ 1.8 are"
    );
    assert_eq!(u("costs $5 or more"), "costs $5 or more");
    assert_eq!(u("from $5 to $10, or $5-$10"), "from $5 to $10, or $5-$10");
}

#[test]
fn author_names_lose_their_accents_commands_and_braces() {
    let n = |s: &str| names(s).into_owned();
    assert_eq!(n(r"C. Bal\'azs"), "C. Balázs");
    assert_eq!(
        n(r#"J. M\"uller and {\"O}zt{\"u}rk"#),
        "J. Müller and Öztürk"
    );
    assert_eq!(
        n(r"\v{S}koda, \c{C}elik, Fran\c cois"),
        "Škoda, Çelik, François"
    );
    assert_eq!(
        n(r"Gei\ss ler, \o stergaard, \L ukasz, P\'{\i}a"),
        "Geißler, østergaard, Łukasz, Pía"
    );
    assert_eq!(n(r"{\'E}cole"), "École");
    assert_eq!(n("{M}artin"), "Martin");
    assert!(matches!(names("Plain Name"), Cow::Borrowed(_)));
    assert_eq!(n(r"A \& B"), "A & B");
    assert_eq!(n(r"tail\"), r"tail\");
    assert_eq!(n(r"\'1"), r"\'1");
    assert_eq!(n(r"\unknown x"), r"\unknown x");
}

#[test]
fn symbol_names_give_the_symbols_written_for_them() {
    assert_eq!(symbols_named("lambda"), ["Λ", "λ"]);
    assert_eq!(symbols_named("Lambda"), ["Λ"]);
    assert_eq!(symbols_named("theta"), ["Θ", "θ", "ϑ"]);
    assert_eq!(symbols_named("infty"), ["∞"]);
    assert_eq!(symbols_named("infinity"), ["∞"]);
    assert!(symbols_named("LAMBDA").is_empty());
    assert!(symbols_named("lambd").is_empty());
    assert!(symbols_named("in").is_empty());
    assert!(symbols_named("").is_empty());
}

#[test]
fn symbols_are_written_back_as_latex_for_latex() {
    let back = |s: &str| -> String {
        s.chars()
            .map(|c| latex_of(c).unwrap_or_else(|| c.to_string()))
            .collect()
    };
    assert_eq!(back("Λ_α"), r"$\Lambda$_$\alpha$");
    assert_eq!(back("SL₂(ℤ)"), r"SL$_{2}$($\mathbb{Z}$)");
    assert_eq!(
        back("x² ≤ 𝒪(n log n)"),
        r"x$^{2}$ $\leq$ $\mathcal{O}$(n log n)"
    );
    assert_eq!(back("ν̄ᵦ"), "ν\u{304}$_{\\beta}$".replace("ν", r"$\nu$"));
    assert_eq!(back("Gröbner – …"), "Gröbner – …");
}

#[test]
fn every_symbol_a_formula_may_hold_has_its_latex() {
    let formula_only = "αΛϑ×≤∞ℓ∂∇→⟨⟩⋯∑∫′∗∘∈∉⊂∪∩∅∀∃¬∧∨⊢≈∼≡≠≪±∓·÷";
    for c in formula_only.chars() {
        let tex = latex_of(c).expect("a command");
        let name = tex.trim_matches('$').trim_start_matches('\\');
        assert_eq!(
            symbols::symbol(name),
            Some(c.encode_utf8(&mut [0; 4]) as &str)
        );
    }
    for c in "–—°…".chars() {
        assert_eq!(latex_of(c), None, "{c} is read as it is");
    }
}

/// True if the ASCII characters of `out`, spaces aside, occur in `raw` in the same order: the
/// converter never makes up ASCII, which the prefilter of raw lines relies on.
fn ascii_kept_in_order(raw: &str, out: &str) -> bool {
    let mut rest = raw.bytes();
    out.bytes()
        .filter(|b| b.is_ascii() && !b.is_ascii_whitespace())
        .all(|b| rest.any(|r| r == b))
}

#[test]
fn ascii_is_never_made_up() {
    for name in symbols::SEARCHED {
        assert!(symbols::symbol(name).is_some(), "{name}");
    }
    // Each command of the tables, converted, against its own name.
    let mut names: Vec<String> = Vec::new();
    for line in include_str!("symbols.rs").lines() {
        let mut rest = line.trim_start();
        while let Some(open) = rest.find('"') {
            let Some(len) = rest[open + 1..].find('"') else {
                break;
            };
            names.push(rest[open + 1..open + 1 + len].to_string());
            rest = &rest[open + len + 2..];
        }
    }
    for name in names
        .iter()
        .filter(|n| n.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        let raw = format!("${{\\{name}}}$ \\{name}");
        let out = u(&raw);
        assert!(ascii_kept_in_order(&raw, &out), "{raw} -> {out}");
    }
}

#[test]
fn the_arxiv_snapshot_loses_no_text_and_converts_most_formulas() {
    let mut all = Formulas::default();
    for line in SNAPSHOT.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        for field in ["title", "abstract"] {
            let raw = record[field].as_str().expect("a string field");
            let mut out = String::new();
            let got = write(raw, &mut out, false);
            all.met += got.met;
            all.converted += got.converted;
            let id = &record["id"];
            assert!(ascii_kept_in_order(raw, &out), "{id}: made up text");
            // A formula is converted whole (its two dollars gone) or left whole.
            let dollars = |s: &str| s.matches('$').count();
            if !raw.contains("\\[") {
                assert_eq!(dollars(&out) + 2 * got.converted, dollars(raw), "{id}");
            }
            // Every word of the text outside formulas is still there (but command names, and
            // the letters an accent sits on).
            for part in raw.split('$').step_by(2) {
                let b = part.as_bytes();
                let mut i = 0;
                while i < b.len() {
                    let len = b[i..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .count();
                    let command = b[..i].ends_with(b"\\")
                        || (i >= 2 && b[i - 2] == b'\\' && b"'`^\"~=.".contains(&b[i - 1]));
                    let word = &part[i..i + len];
                    assert!(
                        len < 3 || command || out.contains(word),
                        "{id}: {word} lost"
                    );
                    i += len.max(1);
                }
            }
        }
    }
    let share = all.converted as f64 / all.met as f64;
    eprintln!(
        "arXiv snapshot sample: {} of {} formulas converted ({:.0}%)",
        all.converted,
        all.met,
        100.0 * share
    );
    assert!(all.met > 250 && share > 0.9, "{all:?}");
}

fn latex_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(&[
            "$", "$$", "\\", "{", "}", "^", "_", "\\alpha", "\\mathbb{", "\\frac", "\\sqrt[", "]",
            "\\'", "\\\"", "\\v", "\\emph{", "{\\em ", "\\(", "\\)", "\\[", "\\]", "\\left",
            "\\not", "~", "&", "%", " ", "\n", "\\i", "\\ss", "\\cal", "\\bar", "\\hat{",
            "\\textit{", "\\,", "\\\\", "é", "λ", "x", "2", "-", "=", "\\le", "\\to", "\\log",
        ][..])
        .prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        2 => "[a-zA-Z0-9 ]{1,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn conversion_never_panics_nor_makes_up_ascii(raw in latex_like()) {
        let out = to_unicode(&raw);
        prop_assert!(ascii_kept_in_order(&raw, &out), "{:?} -> {:?}", raw, out);
        let name = names(&raw);
        prop_assert!(ascii_kept_in_order(&raw, &name), "{:?} -> {:?}", raw, name);
    }

    #[test]
    fn plain_text_comes_back_borrowed(raw in "[^$\\\\]{0,80}") {
        prop_assert!(matches!(to_unicode(&raw), Cow::Borrowed(_)));
    }
}
