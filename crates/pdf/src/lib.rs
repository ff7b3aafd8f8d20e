//! Pages → PDF bytes.
