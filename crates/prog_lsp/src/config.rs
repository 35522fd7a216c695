//! What the user chose in the editor's settings.

/// The settings the server reads, from `initializationOptions` and
/// `workspace/didChangeConfiguration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// `prog.inlayHints.float`.
    pub float_hints: bool,
    /// `prog.inlayHints.baseline`.
    pub baseline_hints: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            float_hints: true,
            baseline_hints: true,
        }
    }
}

impl Config {
    /// Reads `{"prog": {"inlayHints": {"float": false, "baseline": true}}}`,
    /// or the same without the `prog` level; what is absent keeps its value.
    pub fn update(&mut self, value: &serde_json::Value) {
        let value = value.get("prog").unwrap_or(value);
        let flag = |name: &str| {
            value
                .pointer(&format!("/inlayHints/{name}"))
                .and_then(|v| v.as_bool())
        };
        if let Some(float) = flag("float") {
            self.float_hints = float;
        }
        if let Some(baseline) = flag("baseline") {
            self.baseline_hints = baseline;
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

    #[test]
    fn baseline_hints_have_a_setting_of_their_own() {
        let mut config = Config::default();
        assert!(config.baseline_hints);
        config.update(&serde_json::json!({ "prog": { "inlayHints": { "baseline": false } } }));
        assert!(!config.baseline_hints);
        assert!(config.float_hints, "the float hints keep theirs");
    }
}
