namespace Jixiao.Application.Persistence;

/// <summary>
/// The configured database cannot be used (missing and not creatable, unreachable, credentials refused …). The message is
/// one line for the operator: what is wrong and what to do, never a password. The web host prints it and stops.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
