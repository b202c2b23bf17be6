using Jixiao.Application.Calendar;
using Jixiao.Application.Notifications;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Home;
using Jixiao.Web.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>A notification as the API shows it: the sentence in the caller's language and the page where the step is done.</summary>
public sealed record NotificationDto(long Id, string Period, string Kind, DateOnly Due, bool Overdue, int Count, string Text, string Link, DateTime CreatedAt, bool Read);

/// <summary>The caller's notifications: how many are unread, and one page of them, newest first.</summary>
public sealed record NotificationsDto(int Unread, int Page, IReadOnlyList<NotificationDto> Items);

/// <summary>
/// /api/v1/notifications (docs/decisions/0023-notifications.md): the signed-in employee's notifications of steps due;
/// each person reads and marks read only their own. An account not linked to an employee (HR, finance) has its role's steps.
/// </summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(Policies.AnyRole);
        group.MapGet("/", ListAsync);
        group.MapPost("/{id}/read", ReadAsync);
        group.MapPost("/read-all", ReadAllAsync);
        return app;
    }

    private static async Task<Results<Ok<NotificationsDto>, ValidationProblem>> ListAsync(
        string? unread, string? page, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var unreadOnly = input.Flag(unread, "unread");
        var number = input.Integer(page, "page", 1, 100_000, 1);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (HomeCardRegistration.RecipientOf(http.User) is not { } employee)
        {
            return TypedResults.Ok(new NotificationsDto(0, number, []));
        }

        var reminders = new DueReminders(db, time, zone);
        var items = await reminders.ListAsync(employee, unreadOnly, number, ct);
        return TypedResults.Ok(new NotificationsDto(await reminders.UnreadCountAsync(employee, ct), number, [.. items.Select(n => Dto(n, input))]));
    }

    private static async Task<IResult> ReadAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var culture = ApiText.Culture(http);
        // A malformed id is answered as one that does not exist (docs/decisions/0006).
        if (ApiInput.Id(id) is not { } number || HomeCardRegistration.RecipientOf(http.User) is not { } employee
            || !await new DueReminders(db, time, zone).MarkReadAsync(employee, number, ct))
        {
            return TypedResults.Problem(NotificationsText.Get(culture, "Api_NotFound"), statusCode: StatusCodes.Status404NotFound, title: ApiText.Get(http, "NotFound_Title"));
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> ReadAllAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        if (HomeCardRegistration.RecipientOf(http.User) is not { } employee)
        {
            return TypedResults.Ok(new { marked = 0 });
        }

        return TypedResults.Ok(new { marked = await new DueReminders(db, time, zone).MarkAllReadAsync(employee, ct) });
    }

    private static NotificationDto Dto(NotificationRecord n, ApiInput input) =>
        new(n.Id, n.Period, n.Kind, n.Due, n.Overdue, n.Count, NotificationLines.Text(n, input.Culture), NotificationLines.Link(n), n.CreatedAt, n.ReadAt is not null);
}
