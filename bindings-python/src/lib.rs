//! Placeholder until this binding lands (see its issue).
