-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "makeToOrder" BOOLEAN NOT NULL DEFAULT false;
