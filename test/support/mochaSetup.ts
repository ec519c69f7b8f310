// Loaded by mocha before any test file (see .mocharc.json).
import { isolateProcessFromAws } from './awsEnvironment';

export const awsFiles = isolateProcessFromAws();
