using Jixiao.Testing;

namespace Jixiao.Persistence.Tests;

/// <summary>SQLite: an effective-dated manager change round-trip (see <see cref="ManagerHistoryRoundTrip"/>).</summary>
public sealed class ManagerHistoryTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public Task ManagerChange_WhenStoredAndReadBack_ThenEachPeriodBelongsToTheManagerOfItsLastDay() => ManagerHistoryRoundTrip.RunAsync(_db.NewContext);
}
