using System.Globalization;
using System.Text.Json;
using Jixiao.Application.Organisation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>
/// The one way every API endpoint reads its query, route and body values: handlers take text, never typed values the
/// framework would parse (a failed parse there answered with a .NET type name and logged an unhandled exception), and
/// read each value here. Every refusal is a field error in the caller's language that names the field and says what
/// is expected; the errors of one request are collected and answered together as one 400 problem (<see cref="Problem"/>).
/// </summary>
/// <example>
/// var input = new ApiInput(http);
/// var p = input.Period(period);
/// var (page, size) = input.Paging(pageText, pageSizeText);
/// if (input.Problem is { } invalid) return invalid;
/// </example>
public sealed class ApiInput(HttpContext http)
{
    /// <summary>Free text and ids have at most this many characters unless an endpoint says otherwise.</summary>
    public const int MaxText = 200;

    /// <summary>Most items a page of a list holds.</summary>
    public const int MaxPageSize = 200;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>The request's language.</summary>
    public CultureInfo Culture { get; } = ApiText.Culture(http);

    /// <summary>Whether every value read so far was valid.</summary>
    public bool Ok => _errors.Count == 0;

    /// <summary>The refusals so far, by field (a page shows them next to its form).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>400 with every field error found, or null when there was none.</summary>
    public ValidationProblem? Problem => Ok ? null : TypedResults.ValidationProblem(_errors, title: ApiText.Get(http, "Invalid_Title"));

    /// <summary>Adds an error to <paramref name="field"/>.</summary>
    public void Error(string field, string key, params object?[] args) => Refuse(field, ApiText.Get(http, key, args));

    /// <summary>
    /// Adds a message of another message set to <paramref name="field"/> (an <see cref="OrgProblem"/>'s own message, in
    /// <see cref="Culture"/>): a problem has one message, wherever it is found.
    /// </summary>
    public void Refuse(string field, string message) => _errors[field] = [.. _errors.GetValueOrDefault(field) ?? [], message];

    /// <summary>A required period (2026-10, 2026-Q4, 2026-H2, 2026; years 1900–2100).</summary>
    public Period Period(string? text, string field = "period")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(field, "Period_Required");
            return default;
        }

        return OptionalPeriod(text, field) ?? default;
    }

    /// <summary>An optional period: null when not given.</summary>
    public Period? OptionalPeriod(string? text, string field = "period")
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Jixiao.Domain.Periods.Period.TryParse(text, out var p))
        {
            return p;
        }

        Error(field, "Period_Invalid", Shown(text));
        return null;
    }

    /// <summary>An optional year (1900–2100): null when not given.</summary>
    public int? Year(string? text, string field = "year")
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && RecordDates.ContainsYear(y))
        {
            return y;
        }

        Error(field, "Year_Invalid", field, Shown(text));
        return null;
    }

    /// <summary>A year given as a number in a body (1900–2100); the year itself when valid.</summary>
    public int Year(int year, string field)
    {
        if (!RecordDates.ContainsYear(year))
        {
            Error(field, "Year_Invalid", field, year.ToString(CultureInfo.InvariantCulture));
        }

        return year;
    }

    /// <summary>Page number (default 1) and page size (default 50, at most <paramref name="max"/>).</summary>
    public (int Page, int Size) Paging(string? page, string? pageSize, int max = MaxPageSize) =>
        (Integer(page, "page", 1, int.MaxValue, 1), Integer(pageSize, "pageSize", 1, max, Math.Min(50, max)));

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when not given.</summary>
    public int Integer(string? text, string field, int min, int max, int fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Error(field, "Integer_Invalid", field, min, max, Shown(text));
        return fallback;
    }

    /// <summary>true or false (also 1/0); <paramref name="fallback"/> when not given.</summary>
    public bool Flag(string? text, string field, bool fallback = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "1":
                return true;
            case "FALSE" or "0":
                return false;
            default:
                Error(field, "Bool_Invalid", field, Shown(text));
                return fallback;
        }
    }

    /// <summary>One of <paramref name="allowed"/> (exactly as written); null when not given.</summary>
    public string? Choice(string? text, string field, IReadOnlyList<string> allowed)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        Error(field, "Choice_Invalid", field, Shown(text), string.Join(", ", allowed));
        return null;
    }

    /// <summary>A sort key of <paramref name="keys"/>, "-" first for descending; null when not given.</summary>
    public string? Sort(string? text, IReadOnlyList<string> keys, string field = "sort")
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var key = text.StartsWith('-') ? text[1..] : text;
        if (keys.Contains(key, StringComparer.Ordinal))
        {
            return text;
        }

        Error(field, "Sort_Invalid", Shown(text), string.Join(", ", keys));
        return null;
    }

    /// <summary>
    /// Free text or an id (trimmed; null when empty): at most <paramref name="max"/> characters and no control
    /// characters (a NUL byte, a line break in an id).
    /// </summary>
    public string? Text(string? text, string field, int max = MaxText)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (t.Length > max)
        {
            Error(field, "Text_TooLong", field, max);
            return null;
        }

        if (t.Any(char.IsControl))
        {
            Error(field, "Text_Control", field);
            return null;
        }

        return t;
    }

    /// <summary>An optional date by the one date rule (<see cref="RecordDates"/>: yyyy-MM-dd, 1900-01-01 … 2100-12-31).</summary>
    public DateOnly? Date(string? text, string field)
    {
        switch (RecordDates.Parse(text, out var d))
        {
            case DateInput.Ok:
                return d;
            case DateInput.Invalid:
                Error(field, "Date_Invalid", Shown(text));
                return null;
            case DateInput.OutOfRange:
                var (earliest, latest) = RecordDates.Bounds;
                Error(field, "Date_OutOfRange", field, Shown(text), earliest, latest);
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The id in a route (a run, a token): a positive whole number, else null — the caller answers 404 as for an id that
    /// does not exist (docs/decisions/0006).
    /// </summary>
    public static long? Id(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>
    /// The JSON body as <typeparamref name="T"/>, or null with an error: 415 when it is not application/json (a cross-site
    /// form cannot send JSON, docs/decisions/0006), 400 naming where the JSON is broken or a value has the wrong type.
    /// </summary>
    public async Task<(T? Body, IResult? Problem)> BodyAsync<T>(CancellationToken ct)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(ApiText.Get(http, "Body_NotJson"), statusCode: StatusCodes.Status415UnsupportedMediaType, title: ApiText.Get(http, "Invalid_Title")));
        }

        try
        {
            var body = await http.Request.ReadFromJsonAsync<T>(ct);
            if (body is null)
            {
                Error("body", "Body_Required");
            }

            return (body, Problem);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var line = (e.LineNumber ?? 0) + 1;
            Error(where, "Body_Invalid", where, line);

            // The message is also the problem's detail: a client that shows only the detail still learns what is wrong.
            return (null, TypedResults.ValidationProblem(_errors, detail: ApiText.Get(http, "Body_Invalid", where, line), title: ApiText.Get(http, "Invalid_Title")));
        }
    }

    /// <summary>The form of a multipart upload, or null with a 400 asking for a file (form field "file").</summary>
    public async Task<IFormCollection?> FormAsync(CancellationToken ct)
    {
        if (http.Request.HasFormContentType)
        {
            try
            {
                return await http.Request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                // A malformed multipart body reads as no file at all.
            }
        }

        Error("file", "File_Required");
        return null;
    }

    /// <summary>A value as a message quotes it: at most 40 characters, control characters shown as �.</summary>
    public static string Shown(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var t = text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
        return string.Create(t.Length, t, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '\uFFFD' : s[i];
            }
        });
    }
}
