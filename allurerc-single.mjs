import base from './allurerc.mjs';

/**
 * The same Allure report as one self-contained HTML file, which opens from disk (a CI artifact, a
 * mail attachment) where the served report needs a web server. History is written by the served
 * report's generation only, once per run.
 */
export default {
  ...base,
  historyPath: undefined,
  plugins: {
    ...base.plugins,
    awesome: { ...base.plugins.awesome, options: { ...base.plugins.awesome.options, singleFile: true } },
  },
};
