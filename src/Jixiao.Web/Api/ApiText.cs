using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace Jixiao.Web.Api;

/// <summary>
/// The API's own messages (Resources/ApiText*.resx, generated from ApiText.tsv: zh-CN, en, zh-TW) and RFC 9457 problem
/// results built from them, in the request's language: the one ASP.NET Core request localization chose for pages and
/// API alike (the language cookie first, then Accept-Language, else zh-CN; see <see cref="Localization.RequestLanguages"/>).
/// </summary>
public static class ApiText
{
    private static readonly ResourceManager Resources = new("Jixiao.Web.Resources.ApiText", typeof(ApiText).Assembly);

    /// <summary>The request's language: zh-CN, zh-TW or en, as request localization set it.</summary>
    public static CultureInfo Culture(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Languages.ForTag(context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name);
    }

    /// <summary>A message in the request's language.</summary>
    public static string Get(HttpContext context, string key, params object?[] args) => Languages.Text(Resources, key, Culture(context), args);

    /// <summary>404 that does not tell "missing" from "not yours" (see docs/decisions/0006).</summary>
    public static ProblemHttpResult NotFound(HttpContext context) =>
        TypedResults.Problem(Get(context, "NotFound"), statusCode: StatusCodes.Status404NotFound, title: Get(context, "NotFound_Title"));

    /// <summary>400 with one field error.</summary>
    public static ValidationProblem Invalid(HttpContext context, string field, string key, params object?[] args) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [Get(context, key, args)] }, title: Get(context, "Invalid_Title"));

    /// <summary>400 with many field errors and a structured list of the problems (line, column, message).</summary>
    public static ProblemHttpResult Problems(HttpContext context, string titleKey, IDictionary<string, string[]> errors, object problems)
    {
        var details = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Get(context, titleKey),
        };
        details.Extensions["problems"] = problems;
        return TypedResults.Problem(details);
    }

    /// <summary>A problem with a status and message.</summary>
    public static ProblemHttpResult Problem(HttpContext context, int status, string titleKey, string key, params object?[] args) =>
        TypedResults.Problem(Get(context, key, args), statusCode: status, title: Get(context, titleKey));
}

/// <summary>One page of a list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
