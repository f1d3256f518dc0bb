-- AlterTable
ALTER TABLE "WorkCenter" ALTER COLUMN "costPerHourCents" SET DATA TYPE BIGINT;
