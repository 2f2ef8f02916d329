namespace SesecPortal.Application.Common;

/// <summary>A command named something that does not exist. Queries return null instead.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");
