//! The lead of an article: paragraphs a page sets before the article's body in a
//! container of their own (a standfirst, an introduction, a summary), which the
//! readability extractor leaves out because it picks one block. They are found among the
//! block-density reader's blocks: the prose just before the first block the article holds.

use super::density::MainBlock;

/// How many of the block-density reader's blocks before the article are looked at. Tuned
/// on the even-numbered pages of the evaluation set (1 to 8 tried; F1 rises to 3 and is
/// level from there).
const LEAD_BLOCKS: usize = 5;

/// Fewest blocks of prose the article must share with the block-density reader's text for
/// the two to be read as the same article (one may be a line a page repeats).
const MIN_SHARED: usize = 2;

/// Characters (white space aside) at the start of a block that, found in the article or
/// in a block already taken, make it a copy: pages repeat a headline with their name
/// after it, or a line in a box of its own.
const SAME_START_CHARS: usize = 40;

/// The blocks of prose among the `LEAD_BLOCKS` before the first block of `blocks` that
/// `article` holds, but for copies of what `article` or an earlier one of them holds, in
/// document order.
pub fn lead<'a>(article: &str, blocks: &'a [MainBlock]) -> Vec<&'a str> {
    // Compared without white space: the two readers break lines differently.
    let mut article: String = article.split_whitespace().collect();
    let mut squeezed = String::new();
    // Whether the article holds the block's first `chars` characters (all when `None`).
    let mut held = |article: &str, block: &MainBlock, chars: Option<usize>| {
        squeezed.clear();
        squeezed.extend(block.text.split_whitespace());
        let end = chars
            .and_then(|n| squeezed.char_indices().nth(n))
            .map_or(squeezed.len(), |(at, _)| at);
        memchr::memmem::find(article.as_bytes(), &squeezed.as_bytes()[..end]).is_some()
    };
    let mut shared = Vec::with_capacity(MIN_SHARED);
    for (i, block) in blocks.iter().enumerate() {
        if block.good && held(&article, block, None) {
            shared.push(i);
            if shared.len() == MIN_SHARED {
                break;
            }
        }
    }
    let (Some(&first), true) = (shared.first(), shared.len() == MIN_SHARED) else {
        return Vec::new();
    };
    let mut lead = Vec::new();
    for block in &blocks[first.saturating_sub(LEAD_BLOCKS)..first] {
        // A block that starts like a paragraph of the article or one taken before it is
        // that paragraph with a tail (a headline with the site's name): a second copy.
        if block.good && !held(&article, block, Some(SAME_START_CHARS)) {
            lead.push(block.text.as_str());
            article.extend(block.text.split_whitespace());
        }
    }
    lead
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, good: bool) -> MainBlock {
        MainBlock {
            text: text.to_owned(),
            good,
        }
    }

    #[test]
    fn prose_before_the_article_is_its_lead() {
        let lead_para =
            "The council closed the old bridge on Tuesday, a year before the repairs were due.";
        let body_one =
            "Engineers found cracks in two of its piers last month, the mayor told reporters.";
        let body_two =
            "Traffic will cross the river on the new bridge downstream until the work is done.";
        let blocks = [
            block(
                "A much older story, teased far above the article, that no one reads here.",
                true,
            ),
            block("Home", false),
            block(lead_para, true),
            block("Photo: Agency", false),
            block(body_one, true),
            block(body_two, true),
        ];
        let article = format!("Photo: Agency\n{body_one}\n{}", body_two.replace(' ', "\n"));
        assert_eq!(lead(&article, &blocks[1..]), [lead_para]);
        // Only the blocks just before the article are looked at.
        let far: Vec<MainBlock> = std::iter::once(block(lead_para, true))
            .chain((0..LEAD_BLOCKS).map(|_| block("Short", false)))
            .chain([block(body_one, true), block(body_two, true)])
            .collect();
        assert!(lead(&article, &far).is_empty());
        // One shared block is not enough to place the article.
        assert!(lead(body_one, &blocks).is_empty());
        // A copy of the lead with the site's name after it, or of the article's first
        // paragraph, is not taken a second time.
        let copies = [
            block(&format!("{lead_para} | Valley Post"), true),
            block(lead_para, true),
            block(&format!("{body_one} (Photo)"), true),
            block(body_one, true),
            block(body_two, true),
        ];
        assert_eq!(
            lead(&article, &copies),
            [format!("{lead_para} | Valley Post")]
        );
    }
}
