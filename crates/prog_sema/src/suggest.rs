/// The candidate closest to `word`, if it is close enough to be a likely
/// misspelling ("did you mean ...?").
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_a_close_name_and_ignores_far_ones() {
        let names = ["kickoff", "api", "build"];
        assert_eq!(closest("kickof", names), Some("kickoff"));
        assert_eq!(closest("buidl", names), Some("build"));
        assert_eq!(closest("deploy", names), None);
    }
}
