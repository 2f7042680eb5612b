namespace TripSage.Memory.Hosting.Http;

/// <summary>The HTTP API, its OpenAPI document and reference page (configuration section <c>TripSage:Http</c>).</summary>
internal sealed class HttpApiOptions
{
    public const string SectionName = "TripSage:Http";

    /// <summary>The reference page is served in Development only.</summary>
    public const string ReferencePageDevelopment = "Development";

    /// <summary>The reference page is served in every environment.</summary>
    public const string ReferencePageOn = "On";

    /// <summary>The reference page is never served.</summary>
    public const string ReferencePageOff = "Off";

    /// <summary>The values <see cref="ReferencePage"/> accepts.</summary>
    public static readonly IReadOnlyList<string> ReferencePageValues = [ReferencePageDevelopment, ReferencePageOn, ReferencePageOff];

    /// <summary>
    /// Largest request body, in bytes, of every route but import. Default 4 MiB: a full batch of 100
    /// memories of 8 KiB with their 384-dimension embeddings fits; anything larger is answered 413.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request body, in bytes, of <c>POST /v1/users/{userId}/import</c>. Default 64 MiB.</summary>
    public long MaxImportBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// The interactive API reference at <c>/docs</c>: <c>Development</c> (default: served in Development
    /// only), <c>On</c> (served everywhere) or <c>Off</c>. The OpenAPI document is always served.
    /// </summary>
    public string ReferencePage { get; set; } = ReferencePageDevelopment;

    /// <summary>Whether the reference page is served in <paramref name="environment"/>.</summary>
    public bool ServesReferencePage(IHostEnvironment environment) =>
        string.Equals(ReferencePage, ReferencePageOn, StringComparison.OrdinalIgnoreCase)
        || (string.Equals(ReferencePage, ReferencePageDevelopment, StringComparison.OrdinalIgnoreCase) && environment.IsDevelopment());
}
