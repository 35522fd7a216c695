//! The RACI matrix in the CSV table: four columns, each the ids holding
//! that role in a group's or milestone's row, separated by spaces (empty
//! for tasks).

use super::RaciMatrix;

pub const HEADER: [&str; 4] = ["responsible", "accountable", "consulted", "informed"];

/// The four cells of the row of `id`.
pub fn columns(raci: &RaciMatrix, id: &str) -> [String; 4] {
    let mut columns: [String; 4] = Default::default();
    let Some(row) = raci.rows.iter().find(|r| r.id == id) else {
        return columns;
    };
    for (column, letter) in columns.iter_mut().zip(['R', 'A', 'C', 'I']) {
        let ids: Vec<&str> = raci
            .parties
            .iter()
            .zip(&row.cells)
            .filter(|(_, cell)| cell.contains(letter))
            .map(|(party, _)| party.as_str())
            .collect();
        *column = ids.join(" ");
    }
    columns
}
