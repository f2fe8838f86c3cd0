using System.Data.Common;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Sagas;

/// <summary>
/// Recognises the store errors that mean "another consumer changed this saga instance first" and turns them
/// into MassTransit's <see cref="ConcurrencyException"/>, so the endpoint's <c>UseMessageRetry</c> runs the
/// message again against the winner's state instead of faulting it.
/// </summary>
public static class LostRace
{
    // SQLite result codes: https://www.sqlite.org/rescode.html
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    // PostgreSQL SQLSTATE values, read through DbException.SqlState so no Npgsql reference is needed.
    private const string PostgresUniqueViolation = "23505";
    private const string PostgresSerializationFailure = "40001";
    private const string PostgresDeadlockDetected = "40P01";

    /// <summary>
    /// True when <paramref name="exception"/> (or one of its inner exceptions) reports a lost optimistic race:
    /// a version check that matched no row, a duplicate key on insert of the same correlation id, or a
    /// serialization failure the database asks the client to retry.
    /// </summary>
    public static bool IsLostRace(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbUpdateConcurrencyException:
                    return true;
                case SqliteException sqlite when IsSqliteDuplicateKey(sqlite):
                    return true;
                case DbException db when IsPostgresRetryable(db.SqlState):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Wraps a lost race in the exception MassTransit's retry and saga tooling understand.</summary>
    public static ConcurrencyException ToConcurrencyException(Exception exception, Type sagaType, Guid correlationId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(sagaType);

        var reason = exception is DbUpdateConcurrencyException
            ? "the instance was changed by a concurrent consumer (version mismatch)"
            : "the instance was inserted or locked by a concurrent consumer";
        return new ConcurrencyException(reason, sagaType, correlationId, exception);
    }

    private static bool IsSqliteDuplicateKey(SqliteException exception) =>
        exception.SqliteErrorCode == SqliteConstraint
        && exception.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;

    private static bool IsPostgresRetryable(string? sqlState) =>
        sqlState is PostgresUniqueViolation or PostgresSerializationFailure or PostgresDeadlockDetected;
}
