//! Main-text extraction from saved web pages: the furniture sites set inside an article
//! (captions, author boxes, "Read also" teasers, related links, the trail after the last
//! paragraph) stays out of the paragraphs, and a page the readability extractor cannot
//! make sense of (a live ticker of many small entries) still gives its text. The pages
//! are written for these tests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_import::read_document;

const PARAS: [&str; 4] = [
    "The council voted on Tuesday to close the Old Mill bridge for eighteen months of repairs, after engineers found corrosion in two of its four steel girders.",
    "Traffic will be sent along the ring road from March, adding about ten minutes to most journeys into the town centre, the council's transport officer said.",
    "\u{201c}We cannot take the risk of leaving it open,\u{201d} said Mayor Ana Ruiz, who chaired the meeting. \u{201c}The survey left us no choice.\u{201d}",
    "Shop owners on Bridge Street asked for a grant to cover lost trade; the council will consider the request at its next meeting in February.",
];

fn article_page() -> String {
    format!(
        r#"<!doctype html><html><head><title>Old Mill bridge to close | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta name="author" content="Sam Lee">
<meta property="article:published_time" content="2026-01-13T09:00:00Z">
<style>.share {{ display: flex }}</style></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article class="story">
<h1>Old Mill bridge to close for repairs</h1>
<div class="share-bar"><a href="/s/fb">Share on Facebook</a> <a href="/s/x">Post</a></div>
<p>{p0}</p>
<figure><img src="bridge.jpg" alt=""><figcaption>The Old Mill bridge. Photo: Valley Post</figcaption></figure>
<p>{p1}</p>
<p><strong>Read also:</strong> <a href="/news/ring-road">Ring road roadworks to finish early</a></p>
<p>{p2}</p>
<div class="author-bio"><img src="sam.jpg" alt=""><p>Sam Lee covers the council for the Valley Post.</p></div>
<p>{p3}</p>
<h3>More on this story</h3>
<ul><li><a href="/a">Bridge survey published</a></li><li><a href="/b">Council budget set</a></li></ul>
<p>Contact:</p>
</article></main>
<aside class="sidebar"><h2>Most read</h2><a href="/c">Cat rescued from tree</a></aside>
<footer>All rights reserved. Valley Post Ltd.</footer>
<script>window.dataLayer = [{{"page": "<p>not text</p>"}}];</script></body></html>"#,
        p0 = PARAS[0],
        p1 = PARAS[1],
        p2 = PARAS[2],
        p3 = PARAS[3],
    )
}

#[test]
fn the_article_comes_out_without_the_furniture_set_inside_it() {
    let (meta, paragraphs) =
        read_document("bridge.html", article_page().as_bytes()).expect("reads");
    // The headline differs from the <title> (which carries the site's name), so the
    // extractor keeps it as the article's first block.
    assert_eq!(paragraphs[0], "Old Mill bridge to close for repairs");
    assert_eq!(paragraphs[1..], PARAS, "paragraphs: {paragraphs:#?}");
    assert_eq!(meta.publisher.as_deref(), Some("Valley Post"));
    assert_eq!(meta.author.as_deref(), Some("Sam Lee"));
    assert_eq!(meta.date.as_deref(), Some("2026-01-13"));
}

/// A live ticker: one short entry after another in containers of their own, under a menu
/// longer than any one entry.
fn ticker_page() -> String {
    let entries = [
        "09:05 The first trains left the depot on time after the overnight signal repairs.",
        "09:20 Commuters at the central station report platforms busy but moving normally.",
        "09:41 The operator says the northern line will run a reduced service until noon.",
        "10:02 Buses replace trains between Hill Cross and the harbour for the morning.",
        "10:30 The transport minister will visit the signal centre this afternoon, aides say.",
        "10:55 A spokesman for the drivers' union says staff worked through the night.",
        "11:15 Services on the southern line are back to the normal timetable.",
        "11:48 Passengers are advised to check the operator's site before travelling.",
    ];
    let entries: String = entries
        .iter()
        .map(|e| format!(r#"<li class="entry"><span class="text">{e}</span></li>"#))
        .collect();
    let menu: String = (1..=40)
        .map(|i| format!(r#"<li><a href="/section/{i}">Section number {i}</a></li>"#))
        .collect();
    format!(
        r#"<html><head><title>Rail disruption: live</title></head><body>
<ul class="menu">{menu}</ul><ul class="live">{entries}</ul>
<div class="links"><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></div></body></html>"#
    )
}

#[test]
fn a_ticker_of_short_entries_still_gives_its_text() {
    let (_, paragraphs) = read_document("live.html", ticker_page().as_bytes()).expect("reads");
    let text = paragraphs.join("\n");
    for entry in [
        "09:05 The first trains",
        "10:30 The transport minister",
        "11:48 Passengers",
    ] {
        assert!(text.contains(entry), "{entry} missing from {text}");
    }
    for furniture in ["Section number", "Privacy", "Terms"] {
        assert!(!text.contains(furniture), "{furniture} kept in {text}");
    }
}

/// A standfirst set in a banner of its own above the article's columns, which the
/// readability extractor (picking the body's block) leaves out.
fn standfirst_page() -> String {
    let body: String = PARAS[1..].iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        r#"<html><head><title>Old Mill bridge | Valley Post</title></head><body>
<div class="top"><a href="/">Valley Post</a></div>
<div class="hero"><div class="hero-inner"><h1>Old Mill bridge to close</h1>
<div class="standfirst"><p>{lead}</p></div></div></div>
<div class="columns"><div class="column-main"><div class="story-body">{body}</div></div>
<div class="column-side"><a href="/x">Ring road roadworks to finish early, the council says</a></div></div>
</body></html>"#,
        lead = PARAS[0],
    )
}

#[test]
fn a_standfirst_above_the_body_leads_the_article() {
    let (_, paragraphs) =
        read_document("standfirst.html", standfirst_page().as_bytes()).expect("reads");
    let lead = paragraphs.iter().position(|p| p == PARAS[0]);
    let body = paragraphs.iter().position(|p| p == PARAS[1]);
    assert!(
        lead.is_some() && lead < body,
        "standfirst not before the body: {paragraphs:#?}"
    );
    assert_eq!(paragraphs.iter().filter(|p| *p == PARAS[0]).count(), 1);
    assert!(!paragraphs.iter().any(|p| p.contains("Ring road")));
}
