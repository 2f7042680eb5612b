using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// The largest body an endpoint accepts, as endpoint metadata; <see cref="Apply"/> hands it to the
/// server, which answers a larger body 413 before it is read to the end.
/// </summary>
internal sealed class RequestBodyLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;

    /// <summary>Sets the limit of the request's endpoint, when it has one, before anything reads the body.</summary>
    public static IApplicationBuilder Apply(IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>() is { } limit
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit.MaxRequestBodySize;
        }

        return next(context);
    });
}
