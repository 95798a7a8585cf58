//! Field types shared by every form (yes/no, choices, phone numbers, resident IDs): normalised
//! from what an IME and a browser produce, or rejected with a reason.
