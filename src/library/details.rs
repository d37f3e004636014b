//! What a source says of a paper beyond the fields every list has: arXiv's comment, journal
//! reference, DOI and announcement; the Hugging Face page's AI summary, keywords, stars,
//! comments, organization and submitter. Most papers have few of them, so a paper's details are
//! one arena field of tagged items, not a column each.

use super::raw::AnnounceType;

/// One kind of detail; its tag is the first byte of each stored item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// The authors' comment on arXiv: "37 pages, 15 figures".
    Comment,
    JournalRef,
    Doi,
    /// The arXiv category the paper was submitted to.
    PrimaryCategory,
    /// Why the paper is in an arXiv announcement: `new`, `cross`, `replace`, `replace-cross`.
    Announce,
    /// The Hugging Face page's generated summary, and the model that wrote it.
    AiSummary,
    AiModel,
    /// One of the Hugging Face page's keywords (a paper has several).
    Keyword,
    /// Stars of the paper's GitHub repository.
    Stars,
    /// Comments in the paper's discussion on Hugging Face.
    Comments,
    Organization,
    /// Who put the paper on the Daily Papers.
    SubmittedBy,
    /// The day of the Daily Papers list it is in (`YYYY-MM-DD`).
    ListDay,
}

impl Detail {
    pub(super) const ALL: [Detail; 13] = [
        Detail::Comment,
        Detail::JournalRef,
        Detail::Doi,
        Detail::PrimaryCategory,
        Detail::Announce,
        Detail::AiSummary,
        Detail::AiModel,
        Detail::Keyword,
        Detail::Stars,
        Detail::Comments,
        Detail::Organization,
        Detail::SubmittedBy,
        Detail::ListDay,
    ];

    pub(super) fn tag(self) -> char {
        match self {
            Detail::Comment => 'c',
            Detail::JournalRef => 'j',
            Detail::Doi => 'd',
            Detail::PrimaryCategory => 'p',
            Detail::Announce => 'a',
            Detail::AiSummary => 's',
            Detail::AiModel => 'm',
            Detail::Keyword => 'k',
            Detail::Stars => 'g',
            Detail::Comments => 'n',
            Detail::Organization => 'o',
            Detail::SubmittedBy => 'u',
            Detail::ListDay => 'l',
        }
    }

    pub(super) fn of_tag(tag: char) -> Option<Detail> {
        Detail::ALL.into_iter().find(|d| d.tag() == tag)
    }
}

impl AnnounceType {
    /// arXiv's word for it, as stored.
    pub fn word(self) -> &'static str {
        match self {
            AnnounceType::New => "new",
            AnnounceType::Cross => "cross",
            AnnounceType::Replace => "replace",
            AnnounceType::ReplaceCross => "replace-cross",
        }
    }
}
