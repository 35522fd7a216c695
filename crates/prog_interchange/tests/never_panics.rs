//! Bad input never panics the importer: every prefix of the hand-written
//! fixture, and the fixture with bytes overwritten, reads into a plan or
//! fails with an error.

use prog_interchange::mspdi;

const FIXTURE: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/full.xml");

fn import(bytes: &[u8]) {
    if let Ok(source) = mspdi::read(bytes) {
        let imported = mspdi::to_prog(&source, Some("b.json"));
        assert!(imported.text.starts_with("program "), "{}", imported.text);
    }
}

#[test]
fn every_prefix_reads_or_fails_cleanly() {
    for end in 0..=FIXTURE.len() {
        import(&FIXTURE[..end]);
    }
}

#[test]
fn overwritten_bytes_read_or_fail_cleanly() {
    // A fixed xorshift, so that a failure can be replayed.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"<>/&;#\"'=x0-9.T:PHM\n ";
    for _ in 0..2000 {
        let mut bytes = FIXTURE.to_vec();
        for _ in 0..4 {
            let at = (next() % bytes.len() as u64) as usize;
            bytes[at] = alphabet[(next() % alphabet.len() as u64) as usize];
        }
        import(&bytes);
    }
}

#[test]
fn huge_numbers_and_recurrences_stay_bounded() {
    let xml = br#"<Project><StartDate>2027-01-04T08:00:00</StartDate><MinutesPerDay>0</MinutesPerDay>
<Calendars><Calendar><UID>1</UID><Exceptions><Exception><TimePeriod><FromDate>2027-01-01T00:00:00</FromDate></TimePeriod>
<Occurrences>4294967295</Occurrences><Type>1</Type><Period>4294967295</Period><DayWorking>0</DayWorking></Exception></Exceptions></Calendar></Calendars>
<Tasks><Task><UID>1</UID><OutlineLevel>4000000000</OutlineLevel><Duration>PT99999999999999999999H</Duration>
<PercentComplete>1e308</PercentComplete><PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>-1e300</LinkLag></PredecessorLink></Task></Tasks></Project>"#;
    import(xml);
}

#[test]
fn an_endless_recurrence_is_cut_and_said() {
    // Every Monday (DaysOfWeek 2), a million times.
    let xml = br#"<Project><StartDate>2027-01-04T08:00:00</StartDate><CalendarUID>1</CalendarUID>
<Calendars><Calendar><UID>1</UID><Name>Standard</Name><Exceptions><Exception><TimePeriod><FromDate>2027-01-04T00:00:00</FromDate></TimePeriod>
<Occurrences>1000000</Occurrences><Type>6</Type><DaysOfWeek>2</DaysOfWeek><DayWorking>0</DayWorking></Exception></Exceptions></Calendar></Calendars>
<Tasks><Task><UID>1</UID><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task></Tasks></Project>"#;
    let imported = mspdi::to_prog(&mspdi::read(&xml[..]).unwrap(), None);
    let holidays = imported
        .text
        .lines()
        .find_map(|l| l.trim().strip_prefix("holiday "))
        .unwrap_or_else(|| panic!("{}", imported.text));
    assert_eq!(holidays.split(", ").count(), 5000);
    assert!(holidays.starts_with("2027-01-04, 2027-01-11, "), "{holidays}");
    assert_eq!(
        imported.losses.lines(),
        ["1 × recurring calendar exceptions of more than 5000 days (only the first 5000 kept): Standard"]
    );
}
