//! `prog sync`: a plan's tracking statements updated from an issue
//! tracker's export, in place, every file written whole or none; and the
//! reading of an export that `prog import --from` shares.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use prog_db::{Database, FileKind};
use prog_report::escape::terminal;
use prog_sync::{Format, Issue, PlanText, Synced};

use crate::exit_code;

#[derive(clap::Args)]
pub struct Args {
    /// The tracker's export: Jira's CSV, `gh issue list --json` output, any CSV.
    source: PathBuf,
    /// The plan's main file; the items are edited in the files that declare them.
    plan: PathBuf,
    #[command(flatten)]
    tracker: Tracker,
    /// Print the changes as a unified diff and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Append the issues the plan lacks to this file, as tasks and groups
    /// (an issue whose parent is a group of the plan goes into that group).
    #[arg(long, value_name = "FILE")]
    add_to: Option<PathBuf>,
}

/// How SOURCE is read: shared by `prog sync` and `prog import --from`.
#[derive(clap::Args)]
pub struct Tracker {
    /// The export's format. Without it `prog sync` reads `.json` as
    /// GitHub's and a CSV with an `Issue key` column as Jira's, and `prog
    /// import` reads MS Project's XML.
    #[arg(long, value_enum)]
    pub from: Option<From>,
    /// A CSV column and the field it holds: `--map "Issue ID=key"`. The
    /// fields: key title status progress remaining actual_effort
    /// actual_start actual_finish done effort deadline after assign group.
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum From {
    Jira,
    Github,
    Csv,
}

impl Tracker {
    /// The issues of `source`; `Err(code)` when the export is wrong, with
    /// the error (its line and column) printed.
    pub fn read(&self, source: &Path) -> Result<Result<Vec<Issue>, u8>, String> {
        let map = self
            .map
            .iter()
            .map(|m| prog_sync::source::parse_map(m))
            .collect::<Result<Vec<_>, _>>()?;
        let extension = source.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let kind = match (self.from, extension) {
            (Some(From::Github), _) | (None, "json") => FileKind::TrackerJson,
            _ => FileKind::TrackerCsv,
        };
        let shown = terminal(&source.display().to_string());
        let text = prog_db::read_text(source, kind).map_err(|why| format!("{shown}: {why}"))?;
        let format = match self.from {
            Some(From::Jira) => Format::Jira,
            Some(From::Github) => Format::Github,
            Some(From::Csv) => Format::Csv,
            None => Format::detect(extension, &text),
        };
        if !map.is_empty() && format != Format::Csv {
            return Err(format!(
                "--map maps the columns of any CSV, and {shown} is read as {}: give --from csv",
                format.name()
            ));
        }
        match prog_sync::read(&text, format, &map) {
            Ok(issues) => Ok(Ok(issues)),
            Err(error) => {
                let message = terminal(&error.message);
                eprintln!(
                    "{shown}:{}:{}: error: {message} (read as {})",
                    error.line,
                    error.column,
                    format.name()
                );
                Ok(Err(exit_code::PROBLEMS))
            }
        }
    }
}

pub fn run(args: &Args) -> Result<u8, String> {
    let issues = match args.tracker.read(&args.source)? {
        Ok(issues) => issues,
        Err(code) => return Ok(code),
    };
    let mut db = Database::default();
    let project = crate::inputs::load(&mut db, &args.plan)?;
    let files: Vec<PlanText> = prog_db::plan_files(&db, project)
        .files
        .iter()
        .map(|f| PlanText {
            path: f.path(&db).clone(),
            text: f.text(&db).to_string(),
        })
        .collect();
    let synced = prog_sync::sync(&files, &issues);
    let mut writes: Vec<(PathBuf, String, String)> = files
        .iter()
        .zip(&synced.texts)
        .filter_map(|(file, new)| Some((PathBuf::from(&file.path), file.text.clone(), new.clone()?)))
        .collect();
    let mut report = changes(&synced, &issues);
    if let Some(add_to) = &args.add_to {
        let new: Vec<&Issue> = synced.not_in_plan.iter().map(|&i| &issues[i]).collect();
        if !new.is_empty() {
            add(add_to, &new, &files, &mut writes, &mut report)?;
        }
    }
    let status_date = prog_db::resolved(&db, project).plan.program.status_date;
    if let (Some((date, key)), Some(status_date)) = (&synced.latest_actual, status_date)
        && *date > status_date
    {
        let _ = writeln!(
            report,
            "warning: {} has an actual date, {date}, after the plan's status_date {status_date}: move status_date to the day of the export",
            terminal(key)
        );
    }
    if args.dry_run {
        for (path, old, new) in &writes {
            let name = terminal(&path.display().to_string());
            let diff = similar::TextDiff::from_lines(old, new);
            let diff = diff.unified_diff().header(&name, &name).to_string();
            crate::emit(&prog_report::escape::terminal_source(&diff));
        }
        eprint!("{report}");
        return Ok(0);
    }
    write_all(&writes)?;
    crate::emit(&report);
    Ok(0)
}

/// The fragment of the issues the plan lacks, appended to `add_to`: to its
/// synced text when it is a file of the plan.
fn add(
    add_to: &Path,
    new: &[&Issue],
    files: &[PlanText],
    writes: &mut Vec<(PathBuf, String, String)>,
    report: &mut String,
) -> Result<(), String> {
    let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
    let mut fragment = prog_sync::fragment::fragment(new, &texts);
    nest(&mut fragment, files, writes, report);
    let fragment_text = prog_ide::format(&fragment.text).unwrap_or(fragment.text);
    let same = |p: &Path| same_file(p, add_to);
    let (old, base) = match writes.iter().position(|(p, _, _)| same(p)) {
        Some(i) => {
            let (_, old, new) = writes.remove(i);
            (old, new)
        }
        None => match files.iter().find(|f| same(Path::new(&f.path))) {
            Some(file) => (file.text.clone(), file.text.clone()),
            None if add_to.exists() => {
                let text = prog_db::read_text(add_to, FileKind::Plan)
                    .map_err(|why| format!("{}: {why}", add_to.display()))?;
                let _ = writeln!(
                    report,
                    "note: {} is not imported by the plan: import it from the program's file",
                    terminal(&add_to.display().to_string())
                );
                (text.clone(), text)
            }
            None => {
                let _ = writeln!(
                    report,
                    "note: {} is new: import it from the program's file",
                    terminal(&add_to.display().to_string())
                );
                (String::new(), String::new())
            }
        },
    };
    let separator = match base.as_str() {
        "" => "",
        b if b.ends_with("\n\n") => "",
        b if b.ends_with('\n') => "\n",
        _ => "\n\n",
    };
    writes.push((
        add_to.to_path_buf(),
        old,
        format!("{base}{separator}{fragment_text}"),
    ));
    let _ = writeln!(
        report,
        "added to {} (and the plan's groups): tasks {}, groups {}, people {}",
        terminal(&add_to.display().to_string()),
        fragment.tasks,
        fragment.groups,
        fragment.people
    );
    for note in &fragment.notes {
        let _ = writeln!(report, "note: {}", terminal(note));
    }
    Ok(())
}

/// The new issues whose parent is a group of the plan go at the end of
/// that group, in the file that declares it (after the sync's edits of
/// it); those a group cannot take stay in the fragment.
fn nest(
    fragment: &mut prog_sync::fragment::Fragment,
    files: &[PlanText],
    writes: &mut Vec<(PathBuf, String, String)>,
    report: &mut String,
) {
    if fragment.nested.is_empty() {
        return;
    }
    for nested in &mut fragment.nested {
        if let Ok(formatted) = prog_ide::format(&nested.text) {
            nested.text = formatted;
        }
    }
    let current: Vec<PlanText> = files
        .iter()
        .map(|f| {
            let written = writes.iter().find(|(p, _, _)| p == Path::new(&f.path));
            let text = written.map_or(&f.text, |(_, _, new)| new);
            PlanText {
                path: f.path.clone(),
                text: text.clone(),
            }
        })
        .collect();
    let (texts, not_placed) = prog_sync::nest(&current, &fragment.nested);
    for (file, text) in files.iter().zip(texts) {
        let Some(text) = text else { continue };
        match writes.iter_mut().find(|(p, _, _)| p == Path::new(&file.path)) {
            Some(write) => write.2 = text,
            None => writes.push((PathBuf::from(&file.path), file.text.clone(), text)),
        }
    }
    for nested in std::mem::take(&mut fragment.nested) {
        let placed = !not_placed.contains(&nested.group);
        let first_line = nested
            .text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end_matches(" {");
        let _ = writeln!(
            report,
            "{} the plan's group {}: {}",
            if placed {
                "added to"
            } else {
                "not placed in (added at the end instead)"
            },
            terminal(&nested.group),
            terminal(first_line)
        );
        if !placed {
            fragment.text.push('\n');
            fragment.text.push_str(&nested.text);
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The change list: what moved, what is on one side only, what could not
/// be synced. Text from SOURCE and the plan escaped for the terminal.
fn changes(synced: &Synced, issues: &[Issue]) -> String {
    let mut out = String::new();
    let value = |v: &Option<String>| match v.as_deref() {
        None => "(none)".to_string(),
        Some("") => "(set)".to_string(),
        Some(v) => v.to_string(),
    };
    for change in &synced.changes {
        let at = &change.at;
        let _ = writeln!(
            out,
            "{} {} ({}:{}): {} {} → {}",
            terminal(&at.key),
            terminal(&at.item),
            terminal(&at.path),
            at.line,
            change.statement,
            value(&change.old),
            value(&change.new)
        );
    }
    if synced.changes.is_empty() {
        out.push_str("no tracking statement changed\n");
    }
    if !synced.not_in_plan.is_empty() {
        let _ = writeln!(out, "in SOURCE, not in the plan ({}):", synced.not_in_plan.len());
        for &i in &synced.not_in_plan {
            let issue = &issues[i];
            let status = if issue.status_name.is_empty() {
                issue.status.as_str()
            } else {
                &issue.status_name
            };
            let _ = writeln!(
                out,
                "  {} {:?} ({})",
                terminal(&issue.key),
                terminal(&issue.title),
                terminal(status)
            );
        }
    }
    if !synced.not_in_source.is_empty() {
        let _ = writeln!(
            out,
            "keyed in the plan, not in SOURCE ({}):",
            synced.not_in_source.len()
        );
        for item in &synced.not_in_source {
            let _ = writeln!(
                out,
                "  {} {} ({}:{})",
                terminal(&item.key),
                terminal(&item.item),
                terminal(&item.path),
                item.line
            );
        }
    }
    for duplicate in &synced.duplicates {
        let items: Vec<String> = duplicate
            .items
            .iter()
            .map(|i| format!("{} ({}:{})", terminal(&i.item), terminal(&i.path), i.line))
            .collect();
        let _ = writeln!(
            out,
            "warning: the key {} is on {}: none of them synced",
            terminal(&duplicate.key),
            items.join(" and ")
        );
    }
    for (key, assignee) in &synced.unmatched_assignees {
        let _ = writeln!(
            out,
            "note: {} is assigned to {} ({}), the key of no person or team",
            terminal(key),
            terminal(&assignee.name),
            terminal(assignee.key())
        );
    }
    for (item, why) in &synced.not_edited {
        let _ = writeln!(
            out,
            "warning: {} ({}:{}) not synced: {why}",
            terminal(&item.item),
            terminal(&item.path),
            item.line
        );
    }
    out
}

/// Writes every file or none: each new text goes to a temporary file
/// beside its target first, and only once all are written are they
/// renamed over the targets (a rename within a folder is atomic). Should
/// a rename still fail, the files already renamed over are given their
/// old texts back (and a file the sync created is removed).
fn write_all(writes: &[(PathBuf, String, String)]) -> Result<(), String> {
    let mut staged = Vec::with_capacity(writes.len());
    for (path, old, text) in writes {
        // A symbolic link keeps pointing at the file it names, updated.
        let target = path.canonicalize().unwrap_or_else(|_| path.clone());
        let shown = || terminal(&path.display().to_string());
        let folder = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(|e| format!("{}: {e}", shown()))?;
        temp.write_all(text.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| format!("{}: {e}", shown()))?;
        let existed = match std::fs::metadata(&target) {
            Ok(meta) => {
                let _ = std::fs::set_permissions(temp.path(), meta.permissions());
                true
            }
            Err(_) => false,
        };
        staged.push((temp, target, old, existed));
    }
    let mut done: Vec<(PathBuf, &String, bool)> = Vec::with_capacity(staged.len());
    for (temp, target, old, existed) in staged {
        if let Err(e) = temp.persist(&target) {
            for (written, old, existed) in done {
                let _ = if existed {
                    std::fs::write(&written, old)
                } else {
                    std::fs::remove_file(&written)
                };
            }
            return Err(format!(
                "{}: {} (no file changed)",
                terminal(&target.display().to_string()),
                e.error
            ));
        }
        done.push((target, old, existed));
    }
    Ok(())
}
