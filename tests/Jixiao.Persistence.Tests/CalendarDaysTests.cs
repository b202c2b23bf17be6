using Jixiao.Testing;

namespace Jixiao.Persistence.Tests;

/// <summary>SQLite: company calendar days after the AddCompanyCalendar migration (see <see cref="CalendarRoundTrip"/>).</summary>
public sealed class CalendarDaysTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public Task CalendarDays_WhenStoredChangedAndRemoved_ThenReadBackVersionedAndAudited() => CalendarRoundTrip.RunAsync(_db.NewContext);
}
