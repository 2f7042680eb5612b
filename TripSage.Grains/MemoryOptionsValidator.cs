using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains;

/// <summary>Rejects limits that would make the service unusable, naming the option at fault.</summary>
internal sealed class MemoryOptionsValidator : IValidateOptions<MemoryOptions>
{
    public ValidateOptionsResult Validate(string? name, MemoryOptions options)
    {
        var failures = new List<string>();
        void AtLeast(string option, int value, int minimum)
        {
            if (value < minimum)
            {
                failures.Add($"{MemoryOptions.SectionName}:{option} is {value}; it must be at least {minimum}.");
            }
        }

        AtLeast(nameof(options.MaxTextBytes), options.MaxTextBytes, 1);
        AtLeast(nameof(options.MaxBatchSize), options.MaxBatchSize, 1);
        AtLeast(nameof(options.MaxConversationMessages), options.MaxConversationMessages, 1);
        AtLeast(nameof(options.MaxMemoriesPerUser), options.MaxMemoriesPerUser, 1);
        AtLeast(nameof(options.MaxCategoryLength), options.MaxCategoryLength, 1);
        AtLeast(nameof(options.MaxTagsPerMemory), options.MaxTagsPerMemory, 0);
        AtLeast(nameof(options.MaxTagKeyLength), options.MaxTagKeyLength, 1);
        AtLeast(nameof(options.MaxTagValueLength), options.MaxTagValueLength, 1);
        AtLeast(nameof(options.MaxIdentifierLength), options.MaxIdentifierLength, 1);
        AtLeast(nameof(options.EmbeddingDimensions), options.EmbeddingDimensions, 1);
        AtLeast(nameof(options.MaxVersionsKept), options.MaxVersionsKept, 0);
        AtLeast(nameof(options.MaxQueryBytes), options.MaxQueryBytes, 1);
        AtLeast(nameof(options.MaxSearchResults), options.MaxSearchResults, 1);
        AtLeast(nameof(options.MaxPageSize), options.MaxPageSize, 1);
        AtLeast(nameof(options.MaxForgetBatch), options.MaxForgetBatch, 1);
        AtLeast(nameof(options.MaxContextPerCategory), options.MaxContextPerCategory, 1);
        AtLeast(nameof(options.MaxPreferences), options.MaxPreferences, 0);
        AtLeast(nameof(options.MaxPreferenceValueBytes), options.MaxPreferenceValueBytes, 1);
        AtLeast(nameof(options.MaxIdempotencyKeys), options.MaxIdempotencyKeys, 0);
        if (options.IdempotencyKeyLifetime < TimeSpan.Zero)
        {
            failures.Add($"{MemoryOptions.SectionName}:{nameof(options.IdempotencyKeyLifetime)} is {options.IdempotencyKeyLifetime}; it must not be negative.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
