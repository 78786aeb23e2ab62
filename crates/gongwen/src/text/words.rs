//! Lists of words the reader looks for at the start of a text or anywhere in it.

use std::ops::Range;

/// A list of words indexed by first character: the words sorted by their bytes (so by their
/// characters), the range of those that open with each first character, and a mask of the first
/// characters' low six bits, which turns most characters away with one test.
///
/// The lists are short (a few dozen words, a few hundred at most) and the texts short (a line,
/// a heading): one pass over the text's characters, comparing words only where one of their
/// first characters stands, costs less on such texts than an automaton, and next to nothing to
/// build (the list sorted once).
#[derive(Debug)]
pub(crate) struct Words {
    words: Vec<&'static str>,
    firsts: Vec<(char, Range<usize>)>,
    mask: u64,
}

impl Words {
    /// The index of `list` (empty words are left out: they would match everywhere).
    pub(crate) fn new(list: &[&'static str]) -> Words {
        let mut words: Vec<&'static str> = list.iter().copied().filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        let mut firsts: Vec<(char, Range<usize>)> = Vec::new();
        let mut mask = 0u64;
        for (k, w) in words.iter().enumerate() {
            let Some(c) = w.chars().next() else { continue };
            mask |= bit(c);
            match firsts.last_mut() {
                Some((last, range)) if *last == c => range.end = k + 1,
                _ => firsts.push((c, k..k + 1)),
            }
        }
        Words {
            words,
            firsts,
            mask,
        }
    }

    /// The words that open with `c`.
    fn opening_with(&self, c: char) -> &[&'static str] {
        if self.mask & bit(c) == 0 {
            return &[];
        }
        match self.firsts.binary_search_by_key(&c, |(f, _)| *f) {
            Ok(k) => &self.words[self.firsts[k].1.clone()],
            Err(_) => &[],
        }
    }

    /// True when `s` starts with one of the words.
    pub(crate) fn opens(&self, s: &str) -> bool {
        s.chars()
            .next()
            .is_some_and(|c| self.opening_with(c).iter().any(|w| s.starts_with(w)))
    }

    /// True when one of the words occurs in `s`.
    pub(crate) fn occur_in(&self, s: &str) -> bool {
        s.char_indices()
            .any(|(i, c)| self.opening_with(c).iter().any(|w| s[i..].starts_with(w)))
    }
}

/// The bit of `c` in a [`Words`] mask: its low six bits.
fn bit(c: char) -> u64 {
    1 << (u32::from(c) & 63)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Words;
    use proptest::prelude::*;

    const LIST: &[&str] = &[
        "加强",
        "加快",
        "ICP备",
        "版权所有",
        "扫一扫",
        "扫码下载",
        "强",
        "©",
        "a",
    ];

    /// Texts that probe a lookup of `list` at its edges: for every word, the word alone, with
    /// text after it, before it and around it, and its first character alone, followed and
    /// preceded by another; and three texts that hold none of the words.
    pub(crate) fn probe_texts(list: &[&str]) -> Vec<String> {
        let mut texts = vec![String::new(), "了解".to_string(), "Ｘ".to_string()];
        for w in list {
            let first = w.chars().next().unwrap_or_default();
            texts.extend([
                w.to_string(),
                format!("{w}工作"),
                format!("前面{w}"),
                format!("前{w}后"),
                first.to_string(),
                format!("{first}乙"),
                format!("甲{first}"),
            ]);
        }
        texts
    }

    /// The index finds what a scan of the whole list finds, at the start and anywhere.
    #[test]
    fn the_index_agrees_with_a_scan_of_the_list() {
        let words = Words::new(LIST);
        for t in probe_texts(LIST) {
            assert_eq!(
                words.opens(&t),
                LIST.iter().any(|w| t.starts_with(w)),
                "{t}"
            );
            assert_eq!(
                words.occur_in(&t),
                LIST.iter().any(|w| t.contains(w)),
                "{t}"
            );
        }
        assert!(!Words::new(&[""]).occur_in("任何文字"));
    }

    proptest! {
        #[test]
        fn the_index_agrees_on_any_text(s in "[加强快ICP备版权所有扫一码下载©a甲乙 ]{0,24}") {
            let words = Words::new(LIST);
            prop_assert_eq!(words.opens(&s), LIST.iter().any(|w| s.starts_with(w)));
            prop_assert_eq!(words.occur_in(&s), LIST.iter().any(|w| s.contains(w)));
        }
    }
}
