//! Markdown -> blocks and running text, through pulldown-cmark with source offsets.
//!
//! The running text keeps every byte offset of the source: Markdown syntax, inline HTML
//! tags (`<span class="...">`), link targets and front matter are blanked to spaces,
//! newlines are kept. Facts found in it therefore point into the `.md` file itself.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::model::{Block, BlockKind, Metadata, Span};

/// Parse Markdown `source`: running text, blocks and front-matter metadata.
pub fn parse(source: &str) -> (String, Vec<Block>, Metadata) {
    let mut text = blank(source);
    let mut blocks = Vec::new();
    let (meta, body_start) = front_matter(source);
    if body_start > 0 {
        blocks.push(Block {
            kind: BlockKind::Verbatim,
            span: Span::new(0, body_start),
        });
    }
    let body = &source[body_start..];
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut item_depth = 0usize;
    let mut in_code = false;
    let mut html_comment = false;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::new(range.start + body_start, range.end + body_start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => blocks.push(Block {
                kind: BlockKind::Heading { level: level as u8 },
                span,
            }),
            Event::Start(Tag::Paragraph) if item_depth == 0 => blocks.push(Block {
                kind: BlockKind::Paragraph,
                span,
            }),
            Event::Start(Tag::Item) => {
                item_depth += 1;
                blocks.push(Block {
                    kind: BlockKind::ListItem,
                    span,
                });
            }
            Event::End(TagEnd::Item) => item_depth = item_depth.saturating_sub(1),
            Event::Start(Tag::TableCell) => blocks.push(Block {
                kind: BlockKind::TableCell,
                span,
            }),
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                blocks.push(Block {
                    kind: BlockKind::Verbatim,
                    span,
                });
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Html(ref h) | Event::InlineHtml(ref h) => {
                // `<!-- ... -->` may span several events; nothing inside is text.
                if h.contains("<!--") {
                    html_comment = !h.contains("-->");
                } else if html_comment && h.contains("-->") {
                    html_comment = false;
                }
            }
            Event::Text(_) | Event::Code(_) if !in_code && !html_comment => {
                copy(source, &mut text, span)
            }
            Event::SoftBreak | Event::HardBreak => {}
            _ => {}
        }
    }
    // SAFETY of the invariant: `text` only ever holds ASCII spaces, newlines and whole
    // runs copied from `source` at the same offsets, so it is valid UTF-8 of equal length.
    (String::from_utf8(text).unwrap_or_default(), blocks, meta)
}

/// The source with every byte blanked to a space except newlines.
pub(crate) fn blank(source: &str) -> Vec<u8> {
    source
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect()
}

fn copy(source: &str, text: &mut [u8], span: Span) {
    let src = &source.as_bytes()[span.range()];
    // A backslash escape (`\*`) keeps only the escaped char.
    if src.len() == 2 && src[0] == b'\\' {
        text[span.start + 1] = src[1];
        return;
    }
    text[span.range()].copy_from_slice(src);
}

/// YAML front matter between `---` lines at the very start. Returns the metadata and
/// where the body starts. Only flat `key: value` lines are read; nested YAML is skipped.
pub fn front_matter(source: &str) -> (Metadata, usize) {
    let mut meta = Metadata::default();
    let Some(rest) = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))
    else {
        return (meta, 0);
    };
    let mut offset = source.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return (meta, offset);
        }
        if line.starts_with([' ', '\t', '-']) {
            continue;
        }
        if let Some((key, value)) = l.split_once(':') {
            let value = value.trim().trim_matches(['"', '\'']).trim();
            if value.is_empty() {
                continue;
            }
            let v = Some(value.to_owned());
            match key
                .trim()
                .to_ascii_lowercase()
                .replace([' ', '-'], "_")
                .as_str()
            {
                "title" => meta.title = v,
                "version" => meta.version = v,
                "family" => meta.family = v,
                "effective_date" | "date" => meta.effective_date = v,
                _ => {}
            }
        }
    }
    // No closing fence: not front matter after all.
    (Metadata::default(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_markup_are_blanked_offsets_kept() {
        let src = "# Fees\n\nPay <span class=\"x\">**20%**</span> of [revenue](http://a.b/c).\n";
        let (text, blocks, _) = parse(src);
        assert_eq!(text.len(), src.len());
        let i = src.find("20%").unwrap();
        assert_eq!(&text[i..i + 3], "20%");
        assert!(!text.contains("span"));
        assert!(!text.contains("http"));
        assert!(text.contains("revenue"));
        assert!(matches!(blocks[0].kind, BlockKind::Heading { level: 1 }));
    }

    #[test]
    fn front_matter_is_metadata_not_body() {
        let src = "---\ntitle: Deal Terms\nversion: 2.0\nredirect_from:\n  - /x\neffective_date: 2025-01-01\n---\nBody 5%.\n";
        let (text, _, meta) = parse(src);
        assert_eq!(meta.title.as_deref(), Some("Deal Terms"));
        assert_eq!(meta.version.as_deref(), Some("2.0"));
        assert_eq!(meta.effective_date.as_deref(), Some("2025-01-01"));
        assert!(!text.contains("Deal Terms"));
        assert!(text.contains("Body 5%."));
    }

    #[test]
    fn comments_are_not_text() {
        let (text, _, _) = parse("<!-- markdownlint-disable 20% -->\n\nReal 5%.\n");
        assert!(!text.contains("20%"));
        assert!(text.contains("5%"));
    }
}
