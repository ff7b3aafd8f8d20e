//! Brief → Markdown through minijinja templates.
