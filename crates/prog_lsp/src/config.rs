//! What the user chose in the editor's settings.

/// The settings the server reads, from `initializationOptions` and
/// `workspace/didChangeConfiguration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// `prog.inlayHints.float`.
    pub float_hints: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config { float_hints: true }
    }
}

impl Config {
    /// Reads `{"prog": {"inlayHints": {"float": false}}}`, or the same without
    /// the `prog` level; what is absent keeps its value.
    pub fn update(&mut self, value: &serde_json::Value) {
        let value = value.get("prog").unwrap_or(value);
        if let Some(float) = value.pointer("/inlayHints/float").and_then(|v| v.as_bool()) {
            self.float_hints = float;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Config;

    #[test]
    fn settings_switch_float_hints_with_or_without_the_prog_level() {
        let mut config = Config::default();
        config.update(&serde_json::json!({ "prog": { "inlayHints": { "float": false } } }));
        assert!(!config.float_hints);
        config.update(&serde_json::json!({ "other": 1 }));
        assert!(!config.float_hints, "what is absent keeps its value");
        config.update(&serde_json::json!({ "inlayHints": { "float": true } }));
        assert!(config.float_hints);
    }
}
