//! Semantic tokens: full, by range, and as a delta from the last ones sent.

use prog_ide::SemanticToken;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{self as lsp, *};

use crate::line_map::LineMap;
use crate::reader::Reader;

/// The document's tokens in the protocol's encoding, or those of `range`.
async fn encoded(reader: &Reader, uri: &Uri, range: Option<Range>) -> Result<Option<Vec<u32>>> {
    reader
        .read(uri, move |db, ctx| {
            let span = match range {
                Some(range) => Some(ctx.span(db, range)?),
                None => None,
            };
            let tokens = prog_ide::semantic_tokens(db, ctx.project, ctx.file, span);
            Some(encode_tokens(&ctx.map(db, ctx.file), &tokens))
        })
        .await
}

pub async fn full(reader: &Reader, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
    let uri = params.text_document.uri;
    let Some(data) = encoded(reader, &uri, None).await? else {
        return Ok(None);
    };
    let result_id = reader.next_result_id();
    reader.tokens.replace(&uri, &result_id, &data);
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: Some(result_id),
        data: decode(data),
    })))
}

pub async fn delta(
    reader: &Reader,
    params: SemanticTokensDeltaParams,
) -> Result<Option<SemanticTokensFullDeltaResult>> {
    let uri = params.text_document.uri;
    let Some(data) = encoded(reader, &uri, None).await? else {
        return Ok(None);
    };
    let result_id = reader.next_result_id();
    let previous = reader.tokens.replace(&uri, &result_id, &data);
    Ok(Some(match previous {
        Some((id, old)) if id == params.previous_result_id => {
            SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                result_id: Some(result_id),
                edits: vec![token_delta(&old, &data)],
            })
        }
        _ => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
            result_id: Some(result_id),
            data: decode(data),
        }),
    }))
}

pub async fn range(
    reader: &Reader,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let data = encoded(reader, &params.text_document.uri, Some(params.range)).await?;
    Ok(data.map(|data| {
        SemanticTokensRangeResult::Tokens(SemanticTokens {
            result_id: None,
            data: decode(data),
        })
    }))
}

/// The protocol's relative encoding: five numbers a token.
fn encode_tokens(map: &LineMap, tokens: &[SemanticToken]) -> Vec<u32> {
    let mut data = Vec::with_capacity(tokens.len() * 5);
    let (mut line, mut col) = (0, 0);
    for token in tokens {
        let start = map.position(token.span.start());
        let end = map.position(token.span.end());
        // Tokens never span lines, but a malformed one must not wrap around.
        let length = if end.line == start.line {
            end.character - start.character
        } else {
            0
        };
        let delta_line = start.line - line;
        let delta_col = if delta_line == 0 {
            start.character - col
        } else {
            start.character
        };
        data.extend([
            delta_line,
            delta_col,
            length,
            token.token_type.index(),
            token.modifiers.0,
        ]);
        (line, col) = (start.line, start.character);
    }
    data
}

/// One edit that turns `old` into `new`: what differs between their common
/// prefix and suffix, in whole tokens.
fn token_delta(old: &[u32], new: &[u32]) -> lsp::SemanticTokensEdit {
    let prefix = old
        .chunks(5)
        .zip(new.chunks(5))
        .take_while(|(a, b)| a == b)
        .count()
        * 5;
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old[prefix..]
        .rchunks(5)
        .zip(new[prefix..].rchunks(5))
        .take_while(|(a, b)| a == b)
        .count()
        .min(max_suffix / 5)
        * 5;
    lsp::SemanticTokensEdit {
        start: prefix as u32,
        delete_count: (old.len() - prefix - suffix) as u32,
        data: Some(decode(new[prefix..new.len() - suffix].to_vec())),
    }
}

fn decode(data: Vec<u32>) -> Vec<lsp::SemanticToken> {
    data.chunks_exact(5)
        .map(|c| lsp::SemanticToken {
            delta_line: c[0],
            delta_start: c[1],
            length: c[2],
            token_type: c[3],
            token_modifiers_bitset: c[4],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::token_delta;

    #[test]
    fn a_token_delta_replaces_only_what_changed() {
        let old = [0, 0, 4, 0, 0, 0, 5, 3, 4, 2, 1, 0, 4, 0, 0];
        let new = [0, 0, 4, 0, 0, 0, 5, 3, 4, 0, 1, 0, 4, 0, 0];
        let edit = token_delta(&old, &new);
        assert_eq!((edit.start, edit.delete_count), (5, 5));
        let data = edit.data.unwrap();
        assert_eq!((data.len(), data[0].delta_start, data[0].token_type), (1, 5, 4));
        let same = token_delta(&old, &old);
        assert_eq!(same.delete_count, 0);
        let grown = token_delta(&old[..10], &old);
        assert_eq!(
            (grown.start, grown.delete_count, grown.data.unwrap().len()),
            (10, 0, 1)
        );
    }
}
