//! Numbers in digits and in words, shared by every extractor.
