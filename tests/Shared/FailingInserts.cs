using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jixiao.Testing;

/// <summary>
/// Simulates a crash in the middle of a write: lets <paramref name="allowed"/> INSERT commands through, then throws
/// on the next one (after the earlier ones were sent to the database inside the same transaction).
/// Linked into the test projects that check that interrupted work leaves nothing behind.
/// </summary>
public sealed class FailingInserts(int allowed) : DbCommandInterceptor
{
    /// <summary>INSERT commands that ran before the failure.</summary>
    public int Executed { get; private set; }

    /// <summary>True once the failure was thrown.</summary>
    public bool Failed { get; private set; }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        if (!command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (Executed >= allowed)
        {
            Failed = true;
            throw new SimulatedCrashException($"simulated crash before INSERT number {Executed + 1}");
        }

        Executed++;
    }
}

/// <summary>Thrown by <see cref="FailingInserts"/>.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
