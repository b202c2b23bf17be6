using Jixiao.Testing;

namespace Jixiao.Persistence.Tests;

/// <summary>SQLite: a transfer round-trip (see <see cref="TransferRoundTrip"/>).</summary>
public sealed class TransferTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public Task Transfer_WhenStoredAndReadBack_ThenHistoryVersionAndTeamTotalsSplitByDate() => TransferRoundTrip.RunAsync(_db.NewContext);
}
