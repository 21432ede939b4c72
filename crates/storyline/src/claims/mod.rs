//! stage claims (being written)
