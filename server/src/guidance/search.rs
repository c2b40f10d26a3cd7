//! Full-text search over published articles: one in-memory tantivy index per process, Chinese
//! segmented with jieba, English stemmed. The index is rebuilt at start, updated in place when
//! this process publishes or archives, and rebuilt when another process did (the database
//! keeps a generation number that every publish and archive raises).
use std::{
    sync::{Mutex, RwLock},
    time::Instant,
};

use serde::Serialize;
use tantivy::{
    collector::TopDocs,
    doc,
    query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery},
    schema::{
        Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
    },
    snippet::SnippetGenerator,
    tokenizer::{LowerCaser, NgramTokenizer, TextAnalyzer},
    Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};
use tantivy_jieba::JiebaTokenizer;

use super::{articles::Version, markdown};
use crate::db::Database;

const WRITER_BYTES: usize = 50_000_000;
const SNIPPET_CHARS: usize = 160;

#[derive(Clone, Copy)]
struct Fields {
    slug: Field,
    kind: Field,
    tax_type: Field,
    /// zh-CN, en
    title: [Field; 2],
    body: [Field; 2],
    /// The zh-CN title and body again, one token per character: a one-character query (税)
    /// finds what the word segmentation of the other fields cannot.
    chars: [Field; 2],
}

struct Built {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

/// The process's search index.
pub struct SearchIndex {
    built: RwLock<Option<Built>>,
    /// The database generation this index reflects.
    generation: Mutex<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub slug: String,
    pub title: String,
    pub snippet_html: String,
    pub score: f32,
    pub kind: String,
    pub tax_types: Vec<String>,
}

/// Search filters besides the words.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub tax_type: Option<String>,
    pub kind: Option<String>,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        slug: b.add_text_field("slug", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        tax_type: b.add_text_field("tax_type", STRING | STORED),
        title: [
            b.add_text_field("title_zh", text("jieba")),
            b.add_text_field("title_en", text("en_stem")),
        ],
        body: [
            b.add_text_field("body_zh", text("jieba")),
            b.add_text_field("body_en", text("en_stem")),
        ],
        chars: [
            b.add_text_field("title_zh_chars", text("zh_char")),
            b.add_text_field("body_zh_chars", text("zh_char")),
        ],
    };
    (b.build(), fields)
}

fn lang_index(lang: &str) -> usize {
    usize::from(lang == "en")
}

fn document(fields: &Fields, v: &Version) -> TantivyDocument {
    let mut d = doc!(
        fields.slug => v.slug.as_str(),
        fields.kind => v.kind.as_str(),
        fields.title[0] => v.title[0].as_str(),
        fields.title[1] => v.title[1].as_str(),
        fields.body[0] => markdown::to_text(&v.markdown[0]),
        fields.body[1] => markdown::to_text(&v.markdown[1]),
        fields.chars[0] => v.title[0].as_str(),
        fields.chars[1] => markdown::to_text(&v.markdown[0]),
    );
    for t in &v.tax_types {
        d.add_text(fields.tax_type, t);
    }
    d
}

/// Builds a fresh index over these articles.
fn build(articles: &[Version]) -> Result<Built, tantivy::TantivyError> {
    let (schema, fields) = schema();
    let index = Index::create_in_ram(schema);
    index.tokenizers().register(
        "jieba",
        TextAnalyzer::builder(JiebaTokenizer::new())
            .filter(LowerCaser)
            .build(),
    );
    index.tokenizers().register(
        "zh_char",
        TextAnalyzer::builder(NgramTokenizer::new(1, 1, false)?)
            .filter(LowerCaser)
            .build(),
    );
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_BYTES)?;
    for v in articles {
        writer.add_document(document(&fields, v))?;
    }
    writer.commit()?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Built {
        index,
        reader,
        writer: Mutex::new(writer),
        fields,
    })
}

/// CJK unified ideographs (the basic block and extension A).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn first_str(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// The fragment, escaped, with `<mark>` around the matched words. Chinese segmentation in
/// search mode yields overlapping words (小规模, 规模, 纳税人, 纳税), so the ranges are merged
/// first (tantivy's own `to_html` panics on overlaps).
pub fn highlight(fragment: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut sorted: Vec<std::ops::Range<usize>> = ranges
        .iter()
        .filter(|r| r.start < r.end && r.end <= fragment.len())
        .filter(|r| fragment.is_char_boundary(r.start) && fragment.is_char_boundary(r.end))
        .cloned()
        .collect();
    sorted.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut out = String::with_capacity(fragment.len() + merged.len() * 13);
    let mut pos = 0;
    for r in merged {
        out.push_str(&escape(&fragment[pos..r.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&fragment[r.start..r.end]));
        out.push_str("</mark>");
        pos = r.end;
    }
    out.push_str(&escape(&fragment[pos..]));
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            built: RwLock::new(None),
            generation: Mutex::new(-1),
        }
    }
}

impl SearchIndex {
    /// Rebuilds from the published articles; returns how many were indexed.
    pub async fn rebuild(&self, db: &Database) -> Result<usize, SearchError> {
        let generation = current_generation(db).await?;
        let articles: Vec<Version> = super::articles::published(db)
            .await?
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        let built =
            tokio::task::spawn_blocking(move || build(&articles).map(|b| (b, articles.len())))
                .await
                .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))??;
        *self.built.write().unwrap_or_else(|e| e.into_inner()) = Some(built.0);
        *self.generation.lock().unwrap_or_else(|e| e.into_inner()) = generation;
        Ok(built.1)
    }

    /// Builds from these articles without a database (benchmarks, tests).
    pub fn rebuild_from(&self, articles: &[Version]) -> Result<(), SearchError> {
        *self.built.write().unwrap_or_else(|e| e.into_inner()) = Some(build(articles)?);
        Ok(())
    }

    /// Rebuilds when another process changed what is published since this index was built.
    pub async fn refresh_if_stale(&self, db: &Database) -> Result<(), SearchError> {
        let current = current_generation(db).await?;
        let mine = *self.generation.lock().unwrap_or_else(|e| e.into_inner());
        if current != mine {
            self.rebuild(db).await?;
        }
        Ok(())
    }

    /// After this process published (`Some`) or archived (`None`) `slug`: updates the index in
    /// place and raises the generation so that other processes rebuild theirs.
    pub async fn changed(
        &self,
        db: &Database,
        slug: &str,
        now: Option<&Version>,
    ) -> Result<(), SearchError> {
        {
            let guard = self.built.read().unwrap_or_else(|e| e.into_inner());
            if let Some(b) = guard.as_ref() {
                let mut writer = b.writer.lock().unwrap_or_else(|e| e.into_inner());
                writer.delete_term(Term::from_field_text(b.fields.slug, slug));
                if let Some(v) = now {
                    writer.add_document(document(&b.fields, v))?;
                }
                writer.commit()?;
                b.reader.reload()?;
            }
        }
        let generation = bump_generation(db).await?;
        let mut mine = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        // Only claim the new generation if nobody else changed anything in between.
        if *mine == generation - 1 {
            *mine = generation;
        }
        Ok(())
    }

    /// The best `limit` matches for `q`, titles and snippets in `lang` (`zh-CN` or `en`).
    pub fn search(
        &self,
        q: &str,
        lang: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let guard = self.built.read().unwrap_or_else(|e| e.into_inner());
        let Some(b) = guard.as_ref() else {
            return Ok(Vec::new());
        };
        let f = b.fields;
        let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [
            (f.title[0], 2.0),
            (f.body[0], 1.0),
            (f.title[1], 2.0),
            (f.body[1], 1.0),
        ] {
            let mut analyzer = b.index.tokenizer_for_field(field)?;
            let mut stream = analyzer.token_stream(q);
            let mut seen = std::collections::HashSet::new();
            while let Some(token) = stream.next() {
                if token.text.trim().is_empty() || !seen.insert(token.text.clone()) {
                    continue;
                }
                let term = TermQuery::new(
                    Term::from_field_text(field, &token.text),
                    IndexRecordOption::WithFreqsAndPositions,
                );
                words.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(term), boost)),
                ));
            }
        }
        // A Chinese query that segments into single characters only (税) also searches the
        // per-character fields, and its snippets come from them.
        let singles: Vec<String> = {
            let mut analyzer = b.index.tokenizer_for_field(f.body[0])?;
            let mut stream = analyzer.token_stream(q);
            let mut out = Vec::new();
            let mut only_singles = true;
            while let Some(token) = stream.next() {
                if token.text.trim().is_empty() {
                    continue;
                }
                let mut chars = token.text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if is_cjk(c) => {
                        if !out.contains(&token.text) {
                            out.push(token.text.clone());
                        }
                    }
                    _ => only_singles = false,
                }
            }
            // Only a query made of single characters: words keep their segmented meaning.
            if only_singles {
                out
            } else {
                Vec::new()
            }
        };
        for single in &singles {
            for (field, boost) in [(f.chars[0], 1.0), (f.chars[1], 0.5)] {
                let term = TermQuery::new(
                    Term::from_field_text(field, single),
                    IndexRecordOption::WithFreqsAndPositions,
                );
                words.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(term), boost)),
                ));
            }
        }
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let words: Box<dyn Query> = Box::new(BooleanQuery::new(words));
        let mut all: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words.box_clone())];
        if let Some(t) = &filters.tax_type {
            all.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.tax_type, t),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(k) = &filters.kind {
            all.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, k),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(all);
        let searcher = b.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let li = lang_index(lang);
        let snippet_field = if li == 0 && !singles.is_empty() {
            f.chars[1]
        } else {
            f.body[li]
        };
        let mut snippets = SnippetGenerator::create(&searcher, &*words, snippet_field)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let snippet = snippets.snippet_from_doc(&doc);
            let mut snippet_html = highlight(snippet.fragment(), snippet.highlighted());
            if snippet_html.trim().is_empty() {
                let body = first_str(&doc, f.body[li]);
                snippet_html = escape(&body.chars().take(SNIPPET_CHARS).collect::<String>());
            }
            hits.push(Hit {
                slug: first_str(&doc, f.slug),
                title: first_str(&doc, f.title[li]),
                snippet_html,
                score,
                kind: first_str(&doc, f.kind),
                tax_types: doc
                    .get_all(f.tax_type)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            });
        }
        Ok(hits)
    }
}

async fn current_generation(db: &Database) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&db.sql("SELECT generation FROM search_generation WHERE id = 1"))
        .fetch_one(&db.pool)
        .await
}

async fn bump_generation(db: &Database) -> Result<i64, sqlx::Error> {
    sqlx::query(&db.sql("UPDATE search_generation SET generation = generation + 1 WHERE id = 1"))
        .execute(&db.pool)
        .await?;
    current_generation(db).await
}

/// Times a search; milliseconds with a fraction (the API's `took_ms`).
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = work();
    (out, start.elapsed().as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn overlapping_and_adjacent_ranges_are_merged_and_text_escaped() {
        let text = "小规模纳税人<b>";
        // 小规模 (0..9), 规模 (3..9), 纳税 (9..15), 纳税人 (9..18)
        let html = highlight(text, &[0..9, 3..9, 9..15, 9..18]);
        assert_eq!(html, "<mark>小规模纳税人</mark>&lt;b&gt;");
        let rent = vec![4..8, 4..6];
        assert_eq!(highlight("a&b rent", &rent), "a&amp;b <mark>rent</mark>");
        // Ranges that are out of bounds or not on character boundaries are ignored.
        assert_eq!(highlight("税率", &[1..4, 0..99]), "税率");
    }
}
