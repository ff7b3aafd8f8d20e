//! Opening and creating library files: the SQLite header, the application id, the schema
//! version (migrating older ones), read-only files, and the connection settings.

use crate::error::{LibraryError, Result};
use crate::schema::{APPLICATION_ID, CREATE, LIBRARY_SCHEMA, MIGRATIONS};
use rusqlite::{Connection, OpenFlags};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::time::Duration;

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether the file at `path` starts with the SQLite header (what a library is stored as),
/// judged by its first bytes alone, whatever its name.
pub fn is_library_file(path: &Path) -> bool {
    let mut head = [0u8; 16];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == SQLITE_HEADER)
}

/// An open connection and whether writes are refused.
pub(crate) struct Opened {
    pub conn: Connection,
    pub read_only: bool,
}

/// Opens an existing library, checking what it is before SQLite touches it, and brings an
/// older schema up to date in one transaction.
pub(crate) fn open(path: &Path) -> Result<Opened> {
    let io = |step, source| LibraryError::Io {
        file: path.to_owned(),
        step,
        source,
    };
    let meta = std::fs::metadata(path).map_err(|e| io("open the library", e))?;
    if !meta.is_file() {
        return Err(io(
            "open the library",
            io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
        ));
    }
    let mut head = [0u8; 16];
    let mut file = File::open(path).map_err(|e| io("read", e))?;
    if file.read_exact(&mut head).is_err() || &head != SQLITE_HEADER {
        return Err(LibraryError::NotSqlite {
            file: path.to_owned(),
        });
    }
    drop(file);
    // Permission bits decide, not whether the open succeeds: root can write anything.
    let read_only = meta.permissions().readonly();
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let sql = |step| {
        move |source| LibraryError::Sqlite {
            file: path.to_owned(),
            step,
            source,
        }
    };
    let mut conn = Connection::open_with_flags(path, flags).map_err(sql("open the library"))?;
    configure(&conn).map_err(sql("open the library"))?;

    let app: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(sql("read the library header"))?;
    if app != APPLICATION_ID {
        return Err(LibraryError::Foreign {
            file: path.to_owned(),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sql("read the library header"))?;
    if version > LIBRARY_SCHEMA {
        return Err(LibraryError::Future {
            file: path.to_owned(),
            found: version,
            supported: LIBRARY_SCHEMA,
        });
    }
    if version < 1 {
        return Err(LibraryError::Foreign {
            file: path.to_owned(),
        });
    }
    if version < LIBRARY_SCHEMA {
        if read_only {
            return Err(LibraryError::ReadOnly {
                file: path.to_owned(),
                action: format!(
                    "upgrade it from library schema {version} to {LIBRARY_SCHEMA} (make it writable to open it)"
                ),
            });
        }
        let tx = conn.transaction().map_err(sql("upgrade the library"))?;
        for step in &MIGRATIONS[(version - 1) as usize..] {
            tx.execute_batch(step).map_err(sql("upgrade the library"))?;
        }
        tx.pragma_update(None, "user_version", LIBRARY_SCHEMA)
            .map_err(sql("upgrade the library"))?;
        tx.commit().map_err(sql("upgrade the library"))?;
    }
    Ok(Opened { conn, read_only })
}

/// Creates the tables of an empty library in a new temporary file at `path`, set up for
/// filling in bulk: no journal and no syncs, since a half-built file is thrown away, never
/// renamed into place. [`finish`] makes it an ordinary, durable library.
pub(crate) fn create(path: &Path) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // 64 MiB of page cache while the indexes are built.
    conn.pragma_update(None, "cache_size", -65_536)?;
    let tx = conn.transaction()?;
    tx.execute_batch(CREATE)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", LIBRARY_SCHEMA)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES
           ('title', ''), ('description', ''), ('revision', '0'),
           ('uuid', lower(hex(randomblob(16))))",
        [],
    )?;
    tx.commit()?;
    Ok(conn)
}

/// Ends a bulk fill: the file switches to write-ahead logging (a property of the file, so
/// every later open uses it) and is closed, flushing everything to disk.
pub(crate) fn finish(conn: Connection) -> Result<(), rusqlite::Error> {
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Where WAL cannot be used the file keeps a rollback journal: as durable, less concurrent.
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.close().map_err(|(_, e)| e)
}

/// Settings of every connection: durable commits (WAL with a sync at each commit),
/// foreign keys enforced, and a wait instead of an error when another process writes.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}
