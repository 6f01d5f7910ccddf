namespace VeerkrachtBot.Core.Language;

/// <summary>
/// Settings of the local model's training, chosen with <c>cross-validate</c> on the training split only.
/// </summary>
/// <param name="ThemeL2">L2 regularisation of each theme's logistic regression.</param>
/// <param name="ThemeL1">L1 regularisation of each theme's logistic regression.</param>
/// <param name="SentimentL2">L2 regularisation of the sentiment classifier.</param>
/// <param name="SentimentL1">L1 regularisation of the sentiment classifier.</param>
/// <param name="NaiveBayes">Smoothing of the naive-Bayes scaling of theme features; 0 leaves them unscaled.</param>
public sealed record TrainingSettings(float ThemeL2 = 0.05f, float ThemeL1 = 0.001f, float SentimentL2 = 0.05f, float SentimentL1 = 0.01f, float NaiveBayes = 0.1f)
{
    /// <summary>The settings the embedded model is trained with.</summary>
    public static readonly TrainingSettings Default = new();
}
